import { Module } from '@nestjs/common';
import { DrawModule } from '../draw/draw.module';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

@Module({
  imports: [DrawModule],
  controllers: [ExportsController],
  providers: [ExportsService],
})
export class ExportsModule {}
