import {
  ChangeCompetitionStatusRequest,
  CloneCompetitionRequest,
  CreateCompetitionRequest,
  EventRequest,
  RoundRequest,
  SectorRequest,
  SessionRequest,
  UpdateCompetitionRequest,
} from '@jingsai/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class CompetitionIdParams extends createZodDto(z.object({ competitionId: z.uuid() })) {}
export class EventParams extends createZodDto(
  z.object({ competitionId: z.uuid(), eventId: z.uuid() }),
) {}
export class RoundParams extends createZodDto(
  z.object({ competitionId: z.uuid(), roundId: z.uuid() }),
) {}
export class RubricQuery extends createZodDto(
  z.strictObject({ version: z.coerce.number().int().min(1).optional() }),
) {}

export class CreateCompetitionDto extends createZodDto(CreateCompetitionRequest) {}
export class UpdateCompetitionDto extends createZodDto(UpdateCompetitionRequest) {}
export class ChangeCompetitionStatusDto extends createZodDto(ChangeCompetitionStatusRequest) {}
export class CloneCompetitionDto extends createZodDto(CloneCompetitionRequest) {}
export class SectorDto extends createZodDto(SectorRequest) {}
export class EventDto extends createZodDto(EventRequest) {}
export class RoundDto extends createZodDto(RoundRequest) {}
export class SessionDto extends createZodDto(SessionRequest) {}
