import type { PasswordResetResponse, UserSummary } from '@jingsai/contracts';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { CreateUserDto, UserIdParams } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@Roles(['platform_admin'])
export class UsersController {
  constructor(private readonly service: UsersService) {}

  @Get()
  listUsers(): Promise<UserSummary[]> {
    return this.service.listUsers();
  }

  @Post()
  createUser(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto): Promise<UserSummary> {
    return this.service.createUser(user, dto);
  }

  @Post(':userId/password-reset')
  @HttpCode(200)
  resetPassword(
    @CurrentUser() user: AuthUser,
    @Param() params: UserIdParams,
  ): Promise<PasswordResetResponse> {
    return this.service.resetPassword(user, params.userId);
  }
}
