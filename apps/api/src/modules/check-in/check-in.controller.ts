import type { CheckInCard, CheckInProgress } from '@jingsai/contracts';
import { MAX_PHOTO_BYTES } from '@jingsai/contracts';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { RoundParams } from '../draw/draw.dto';
import { CheckInQueryDto, EntryParams, MarkAttendanceDto, PersonParams } from './check-in.dto';
import { CheckInService } from './check-in.service';
import { PersonPhotoService, type PhotoUpload } from './person-photo.service';

/** The check-in desk (organisers of the competition) and competitors' ID photos. */
@ApiTags('check-in')
@Controller()
export class CheckInController {
  constructor(
    private readonly service: CheckInService,
    private readonly photos: PersonPhotoService,
  ) {}

  @Get('competitions/:competitionId/rounds/:roundId/check-in')
  @Roles(['organiser'], { competition: 'competitionId' })
  findByCandidateNumber(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
    @Query() query: CheckInQueryDto,
  ): Promise<CheckInCard> {
    return this.service.findByCandidateNumber(
      user,
      params.competitionId,
      params.roundId,
      query.number,
    );
  }

  @Get('competitions/:competitionId/rounds/:roundId/check-in/progress')
  @Roles(['organiser'], { competition: 'competitionId' })
  progress(@CurrentUser() user: AuthUser, @Param() params: RoundParams): Promise<CheckInProgress> {
    return this.service.progress(user, params.competitionId, params.roundId);
  }

  @Post('competitions/:competitionId/rounds/:roundId/entries/:entryId/attendance')
  @HttpCode(200)
  @Roles(['organiser'], { competition: 'competitionId' })
  markAttendance(
    @CurrentUser() user: AuthUser,
    @Param() params: EntryParams,
    @Body() dto: MarkAttendanceDto,
  ): Promise<CheckInCard> {
    return this.service.markAttendance(
      user,
      params.competitionId,
      params.roundId,
      params.entryId,
      dto,
    );
  }

  @Put('people/:personId/photo')
  @ApiConsumes('multipart/form-data')
  // In memory; files above the limit are refused by the service with a clear message (multer
  // only stops uploads far beyond it).
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_PHOTO_BYTES * 4, files: 1 } }))
  uploadPhoto(
    @CurrentUser() user: AuthUser,
    @Param() params: PersonParams,
    @UploadedFile() file: PhotoUpload | undefined,
  ) {
    return this.photos.uploadPhoto(user, params.personId, file);
  }

  @Get('people/:personId/photo')
  async getPhoto(
    @CurrentUser() user: AuthUser,
    @Param() params: PersonParams,
    @Res() response: Response,
  ): Promise<void> {
    const photo = await this.photos.getPhoto(user, params.personId);
    response.setHeader('Content-Type', photo.contentType);
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.send(photo.data);
  }
}
