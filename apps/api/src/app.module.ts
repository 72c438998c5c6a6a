import { MikroOrmModule } from '@mikro-orm/nestjs';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoInstance } from 'pino';
import type { AppConfig } from './common/config/app-config';
import { CoreModule } from './common/core.module';
import type { DatabaseTarget } from './common/database/database-target';
import { ormOptions } from './common/database/orm-options';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { ZodValidationPipe } from './common/http/zod-validation.pipe';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { CheckInModule } from './modules/check-in/check-in.module';
import { CompetitionsModule } from './modules/competitions/competitions.module';
import { DrawModule } from './modules/draw/draw.module';
import { ExportsModule } from './modules/exports/exports.module';
import { HealthModule } from './modules/health/health.module';
import { JudgingModule } from './modules/judging/judging.module';
import { OrganisationsModule } from './modules/organisations/organisations.module';
import { RegistrationsModule } from './modules/registrations/registrations.module';
import { ScoreboardModule } from './modules/scoreboard/scoreboard.module';
import { ResultsDocumentsModule } from './modules/results-documents/results-documents.module';
import { StatisticsModule } from './modules/statistics/statistics.module';
import { TeamsModule } from './modules/teams/teams.module';
import { UsersModule } from './modules/users/users.module';

@Module({})
export class AppModule {
  static register(
    config: AppConfig,
    database: Pick<DatabaseTarget, 'url' | 'mode'>,
    logger: PinoInstance,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.register(config, database.mode),
        // Nest's own logs through pino. Requests are tagged and logged by requestContext
        // (common/http/request-context.ts), not by pino-http's route-matched middleware.
        LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] }),
        MikroOrmModule.forRoot({ ...ormOptions(database.url), registerRequestContext: false }),
        // Express matches routes one by one in the order they were registered: judging's (all
        // under /judging, so none overlaps another module's) come first because POST
        // /judging/marks is the busiest route of all.
        JudgingModule,
        AuditModule,
        AuthModule,
        UsersModule,
        OrganisationsModule,
        CompetitionsModule,
        RegistrationsModule,
        TeamsModule,
        ScoreboardModule,
        DrawModule,
        CheckInModule,
        ExportsModule,
        ResultsDocumentsModule,
        StatisticsModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
      ],
    };
  }
}
