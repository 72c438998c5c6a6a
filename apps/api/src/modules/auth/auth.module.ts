import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from '../../common/auth/auth.guard';
import { AUTH_RESOLVER } from '../../common/auth/auth-user';
import { OrganisationsModule } from '../organisations/organisations.module';
import { UsersModule } from '../users/users.module';
import { AccessService } from './access.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { SessionCache } from './session-cache';
import { SessionService } from './session.service';

@Module({
  imports: [UsersModule, OrganisationsModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionService,
    SessionCache,
    LoginThrottleService,
    AccessService,
    { provide: AUTH_RESOLVER, useExisting: AccessService },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessService, SessionService],
})
export class AuthModule {}
