import type { DrawRecord, DrawVerification, MyPlacement, RoundDrawView } from '@jingsai/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { DrawParams, RoundDrawQueryDto, RoundParams, RunDrawDto, VerifyDrawDto } from './draw.dto';
import { DrawService } from './draw.service';

@ApiTags('draw')
@Controller()
export class DrawController {
  constructor(private readonly service: DrawService) {}

  /** Organisers see the whole mapping; judges, head judges and coordinators codes only until the reveal. */
  @Get('competitions/:competitionId/rounds/:roundId/draw')
  getRoundDraw(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
    @Query() query: RoundDrawQueryDto,
  ): Promise<RoundDrawView> {
    return this.service.getRoundDraw(user, params.competitionId, params.roundId, query);
  }

  @Post('competitions/:competitionId/rounds/:roundId/draw')
  @HttpCode(200)
  @Roles(['organiser'], { competition: 'competitionId' })
  runDraw(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
    @Body() dto: RunDrawDto,
  ): Promise<RoundDrawView> {
    return this.service.runDraw(user, params.competitionId, params.roundId, dto);
  }

  @Post('competitions/:competitionId/rounds/:roundId/draws/:drawId/verify')
  @HttpCode(200)
  @Roles(['organiser'], { competition: 'competitionId' })
  verifyDraw(
    @CurrentUser() user: AuthUser,
    @Param() params: DrawParams,
    @Body() dto: VerifyDrawDto,
  ): Promise<DrawVerification> {
    return this.service.verifyDraw(user, params.competitionId, params.roundId, params.drawId, dto);
  }

  /** Seed, inputs and result as JSON for `draw-verify`: organisers, and officials after the reveal. */
  @Get('competitions/:competitionId/rounds/:roundId/draws/:drawId/record')
  drawRecord(@CurrentUser() user: AuthUser, @Param() params: DrawParams): Promise<DrawRecord> {
    return this.service.drawRecord(user, params.competitionId, params.roundId, params.drawId);
  }

  @Post('competitions/:competitionId/rounds/:roundId/draw/reveal')
  @HttpCode(200)
  @Roles(['organiser'], { competition: 'competitionId' })
  revealDraw(@CurrentUser() user: AuthUser, @Param() params: RoundParams): Promise<RoundDrawView> {
    return this.service.revealDraw(user, params.competitionId, params.roundId);
  }

  @Get('me/placements')
  myPlacements(@CurrentUser() user: AuthUser): Promise<MyPlacement[]> {
    return this.service.myPlacements(user);
  }
}
