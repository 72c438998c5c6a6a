import { SESSION_COOKIE, type SessionUser } from '@jingsai/contracts';
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AllowPendingPasswordChange, CurrentUser, Public } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { ChangePasswordDto, LoginDto } from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly service: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private cookieOptions() {
    return {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.config.publicUrl.startsWith('https://'),
      path: '/',
    };
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() dto: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionUser> {
    const { session, user } = await this.service.login(dto, {
      ip: request.ip ?? 'unknown',
      userAgent: request.get('user-agent') ?? null,
    });
    response.cookie(SESSION_COOKIE, session.token, {
      ...this.cookieOptions(),
      expires: session.expiresAt,
    });
    return user;
  }

  @Post('logout')
  @HttpCode(204)
  @AllowPendingPasswordChange()
  async logout(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.service.logout(user);
    response.clearCookie(SESSION_COOKIE, this.cookieOptions());
  }

  @Get('me')
  @AllowPendingPasswordChange()
  getSessionUser(@CurrentUser() user: AuthUser): Promise<SessionUser> {
    return this.service.getSessionUser(user);
  }

  @Post('password')
  @HttpCode(204)
  @AllowPendingPasswordChange()
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.service.changePassword(user, dto);
  }
}
