import { MikroOrmModule } from '@mikro-orm/nestjs';
import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
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

function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
}

@Module({})
export class AppModule {
  static register(
    config: AppConfig,
    database: Pick<DatabaseTarget, 'url' | 'mode'>,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.register(config, database.mode),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (request, response) => {
              const id = requestId(request);
              response.setHeader('X-Request-Id', id);
              return id;
            },
            redact: ['req.headers.cookie', 'res.headers["set-cookie"]'],
            autoLogging: { ignore: (request) => request.url === '/api/health' },
          },
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        }),
        MikroOrmModule.forRoot({
          ...ormOptions(database.url),
          registerRequestContext: true,
          forRoutesPath: '{*path}',
        }),
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
        JudgingModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
      ],
    };
  }
}
