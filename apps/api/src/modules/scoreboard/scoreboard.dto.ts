import { CastVoteRequest, FreezeRequest, VoteSettingsRequest } from '@jingsai/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class EventParams extends createZodDto(z.object({ eventId: z.uuid() })) {}
export class CompetitionParams extends createZodDto(z.object({ competitionId: z.uuid() })) {}
export class CompetitionEventParams extends createZodDto(
  z.object({ competitionId: z.uuid(), eventId: z.uuid() }),
) {}
export class FreezeDto extends createZodDto(FreezeRequest) {}
export class VoteSettingsDto extends createZodDto(VoteSettingsRequest) {}
export class CastVoteDto extends createZodDto(CastVoteRequest) {}
