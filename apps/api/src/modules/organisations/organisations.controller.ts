import type { OrganisationNode } from '@jingsai/contracts';
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles, CurrentUser } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly service: OrganisationsService) {}

  @Get()
  @Roles(['platform_admin', 'organiser', 'coordinator'])
  listOrganisations(@CurrentUser() user: AuthUser): Promise<OrganisationNode[]> {
    return this.service.listOrganisations(user);
  }
}
