import {
  BatchRegistrationRequest,
  CreateRegistrationRequest,
  RegistrationQuery,
  ReviewRegistrationRequest,
  SelfRegistrationRequest,
  SubstituteRegistrationRequest,
  WithdrawRegistrationRequest,
} from '@jingsai/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class CompetitionParams extends createZodDto(z.object({ competitionId: z.uuid() })) {}
export class RegistrationParams extends createZodDto(
  z.object({ competitionId: z.uuid(), registrationId: z.uuid() }),
) {}
export class CreateRegistrationDto extends createZodDto(CreateRegistrationRequest) {}
export class BatchRegistrationDto extends createZodDto(BatchRegistrationRequest) {}
export class SelfRegistrationDto extends createZodDto(SelfRegistrationRequest) {}
export class ReviewRegistrationDto extends createZodDto(ReviewRegistrationRequest) {}
export class WithdrawRegistrationDto extends createZodDto(WithdrawRegistrationRequest) {}
export class RegistrationQueryDto extends createZodDto(RegistrationQuery) {}
export class SubstituteRegistrationDto extends createZodDto(SubstituteRegistrationRequest) {}
