import { CheckInQuery, MarkAttendanceRequest } from '@jingsai/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class EntryParams extends createZodDto(
  z.object({ competitionId: z.uuid(), roundId: z.uuid(), entryId: z.uuid() }),
) {}
export class PersonParams extends createZodDto(z.object({ personId: z.uuid() })) {}
export class CheckInQueryDto extends createZodDto(CheckInQuery) {}
export class MarkAttendanceDto extends createZodDto(MarkAttendanceRequest) {}
