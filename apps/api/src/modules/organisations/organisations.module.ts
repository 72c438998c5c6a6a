import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { Organisation } from './entities/organisation.entity';
import { OrganisationImportService } from './organisation-import.service';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [MikroOrmModule.forFeature([Organisation])],
  controllers: [OrganisationsController],
  providers: [OrganisationsService, OrganisationImportService],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}
