import {
  CreateTeamRequest,
  ReviewTeamRequest,
  TeamMemberRequest,
  TeamQuery,
  UpdateTeamRequest,
  WithdrawTeamRequest,
} from '@jingsai/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class TeamParams extends createZodDto(
  z.object({ competitionId: z.uuid(), teamId: z.uuid() }),
) {}
export class TeamMemberParams extends createZodDto(
  z.object({ competitionId: z.uuid(), teamId: z.uuid(), registrationId: z.uuid() }),
) {}
export class CreateTeamDto extends createZodDto(CreateTeamRequest) {}
export class UpdateTeamDto extends createZodDto(UpdateTeamRequest) {}
export class TeamMemberDto extends createZodDto(TeamMemberRequest) {}
export class ReviewTeamDto extends createZodDto(ReviewTeamRequest) {}
export class WithdrawTeamDto extends createZodDto(WithdrawTeamRequest) {}
export class TeamQueryDto extends createZodDto(TeamQuery) {}
