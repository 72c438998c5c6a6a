import { RoundDrawQuery, RunDrawRequest, VerifyDrawRequest } from '@jingsai/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class RoundParams extends createZodDto(
  z.object({ competitionId: z.uuid(), roundId: z.uuid() }),
) {}
export class DrawParams extends createZodDto(
  z.object({ competitionId: z.uuid(), roundId: z.uuid(), drawId: z.uuid() }),
) {}
export class RunDrawDto extends createZodDto(RunDrawRequest) {}
export class VerifyDrawDto extends createZodDto(VerifyDrawRequest) {}
export class RoundDrawQueryDto extends createZodDto(RoundDrawQuery) {}
