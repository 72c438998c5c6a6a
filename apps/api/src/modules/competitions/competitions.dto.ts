import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class CompetitionIdParams extends createZodDto(
  z.object({ competitionId: z.string().uuid() }),
) {}
