import type { HealthCheck } from '@jingsai/contracts';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/auth.decorators';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly service: HealthService) {}

  /** 200 when the database answers, 503 otherwise; Redis is reported but does not fail the check. */
  @Public()
  @Get()
  async checkHealth(@Res({ passthrough: true }) response: Response): Promise<HealthCheck> {
    const health = await this.service.checkHealth();
    if (health.database === 'down') response.status(503);
    return health;
  }
}
