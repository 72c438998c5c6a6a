import { CreateOrganisationRequest, UpdateOrganisationRequest } from '@jingsai/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class OrganisationParams extends createZodDto(z.object({ organisationId: z.uuid() })) {}
export class CreateOrganisationDto extends createZodDto(CreateOrganisationRequest) {}
export class UpdateOrganisationDto extends createZodDto(UpdateOrganisationRequest) {}
export class OrganisationImportQuery extends createZodDto(
  z.strictObject({ mode: z.enum(['preview', 'commit']).default('preview') }),
) {}
