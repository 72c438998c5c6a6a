import {
  type AppealCase,
  type AppealView,
  type ArbitrationAppeal,
  type ChainVerification,
  type Discrepancy,
  type JudgeConflictView,
  type JudgeQueue,
  type JudgingRoundSummary,
  type PanelProposal,
  type PanelView,
  pickLocale,
  type ResultDiff,
  type ResultVersionSummary,
  type ResultVersionView,
  type RoundJudgingSettings,
  type RoundSheetsView,
  type SheetView,
  type SubmitMarksResponse,
  type TheoryImportReport,
} from '@jingsai/contracts';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppealsService } from './appeals.service';
import { ChainAuditService } from './chain-audit.service';
import {
  AppealParams,
  CompetitionParams,
  DecideAppealDto,
  FileAppealDto,
  DeclareConflictDto,
  DiffQuery,
  EventParams,
  ProposePanelDto,
  ReconcileDto,
  RoundParams,
  RoundTransitionDto,
  SavePanelDto,
  SetHeadJudgeDto,
  SheetActionDto,
  SheetParams,
  SubmitMarksDto,
  SubmitSheetDto,
  TheoryImportFormDto,
  UpdateSettingsDto,
  VersionParams,
} from './judging.dto';
import { PanelsService } from './panels.service';
import { ResultsService } from './results.service';
import { SheetsService } from './sheets.service';
import { MAX_THEORY_BYTES, TheoryImportService, type TheoryUpload } from './theory-import.service';

@ApiTags('judging')
@Controller('judging')
export class JudgingController {
  constructor(
    private readonly sheets: SheetsService,
    private readonly panels: PanelsService,
    private readonly results: ResultsService,
    private readonly chainAudit: ChainAuditService,
    private readonly appeals: AppealsService,
    private readonly theory: TheoryImportService,
  ) {}

  // judges
  @Get('me/queue')
  @Roles(['judge'])
  queue(@CurrentUser() user: AuthUser): Promise<JudgeQueue> {
    return this.sheets.queue(user);
  }

  @Get('sheets/:sheetId')
  @Roles(['judge', 'head_judge', 'arbitrator', 'organiser'])
  sheet(@CurrentUser() user: AuthUser, @Param() params: SheetParams): Promise<SheetView> {
    return this.sheets.sheet(user, params.sheetId);
  }

  @Post('marks')
  @HttpCode(200)
  @Roles(['judge'])
  submitMarks(
    @CurrentUser() user: AuthUser,
    @Body() dto: SubmitMarksDto,
    @Headers('accept-language') language: string | undefined,
  ): Promise<SubmitMarksResponse> {
    return this.sheets.submitMarks(user, dto, pickLocale(language));
  }

  @Post('sheets/:sheetId/submit')
  @HttpCode(200)
  @Roles(['judge'])
  submitSheet(
    @CurrentUser() user: AuthUser,
    @Param() params: SheetParams,
    @Body() dto: SubmitSheetDto,
  ): Promise<SheetView> {
    return this.sheets.submitSheet(user, params.sheetId, dto);
  }

  @Post('me/conflicts')
  @Roles(['judge'])
  declareOwnConflict(
    @CurrentUser() user: AuthUser,
    @Body() dto: DeclareConflictDto,
  ): Promise<JudgeConflictView> {
    return this.panels.declareConflict(user, dto, false);
  }

  // panels
  @Get('rounds/:roundId/panel')
  @Roles(['organiser', 'head_judge'])
  panel(@CurrentUser() user: AuthUser, @Param() params: RoundParams): Promise<PanelView> {
    return this.panels.panel(user, params.roundId);
  }

  @Put('rounds/:roundId/panel')
  @Roles(['organiser'])
  savePanel(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
    @Body() dto: SavePanelDto,
  ): Promise<PanelView> {
    return this.panels.savePanel(user, params.roundId, dto);
  }

  @Post('rounds/:roundId/panel/proposal')
  @HttpCode(200)
  @Roles(['organiser'])
  proposePanel(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
    @Body() dto: ProposePanelDto,
  ): Promise<PanelProposal> {
    return this.panels.proposePanel(user, params.roundId, dto);
  }

  @Put('events/:eventId/head-judge')
  @Roles(['organiser'])
  setHeadJudge(
    @CurrentUser() user: AuthUser,
    @Param() params: EventParams,
    @Body() dto: SetHeadJudgeDto,
  ): Promise<PanelView['headJudge']> {
    return this.panels.setHeadJudge(user, params.eventId, dto);
  }

  /** Every round of the competition with its judging phase and what the caller may do there. */
  @Get('competitions/:competitionId/rounds')
  rounds(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionParams,
  ): Promise<JudgingRoundSummary[]> {
    return this.results.listRounds(user, params.competitionId);
  }

  @Get('competitions/:competitionId/conflicts')
  @Roles(['organiser'], { competition: 'competitionId' })
  conflicts(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionParams,
  ): Promise<JudgeConflictView[]> {
    return this.panels.conflicts(user, params.competitionId);
  }

  @Post('competitions/:competitionId/conflicts')
  @Roles(['organiser'], { competition: 'competitionId' })
  declareConflict(
    @CurrentUser() user: AuthUser,
    @Param() params: CompetitionParams,
    @Body() dto: DeclareConflictDto,
  ): Promise<JudgeConflictView> {
    return this.panels.declareConflict(user, { ...dto, competitionId: params.competitionId }, true);
  }

  @Get('rounds/:roundId/settings')
  @Roles(['organiser', 'head_judge'])
  settings(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
  ): Promise<RoundJudgingSettings> {
    return this.panels.settings(user, params.roundId);
  }

  @Put('rounds/:roundId/settings')
  @Roles(['organiser', 'head_judge'])
  updateSettings(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
    @Body() dto: UpdateSettingsDto,
  ): Promise<RoundJudgingSettings> {
    return this.panels.updateSettings(user, params.roundId, dto);
  }

  // head judge
  @Get('rounds/:roundId/sheets')
  @Roles(['organiser', 'head_judge'])
  roundSheets(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
  ): Promise<RoundSheetsView> {
    return this.results.roundSheets(user, params.roundId);
  }

  @Get('rounds/:roundId/discrepancies')
  @Roles(['organiser', 'head_judge'])
  discrepancies(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
  ): Promise<Discrepancy[]> {
    return this.results.discrepancies(user, params.roundId);
  }

  @Post('sheets/:sheetId/lock')
  @HttpCode(200)
  @Roles(['head_judge'])
  lock(
    @CurrentUser() user: AuthUser,
    @Param() params: SheetParams,
    @Body() dto: SheetActionDto,
  ): Promise<SheetView> {
    return this.sheets.changeSheet(user, params.sheetId, 'lock', dto);
  }

  @Post('sheets/:sheetId/unlock')
  @HttpCode(200)
  @Roles(['head_judge'])
  unlock(
    @CurrentUser() user: AuthUser,
    @Param() params: SheetParams,
    @Body() dto: SheetActionDto,
  ): Promise<SheetView> {
    return this.sheets.changeSheet(user, params.sheetId, 'unlock', dto);
  }

  @Post('sheets/:sheetId/remark')
  @HttpCode(200)
  @Roles(['head_judge', 'arbitrator'])
  remark(
    @CurrentUser() user: AuthUser,
    @Param() params: SheetParams,
    @Body() dto: SheetActionDto,
  ): Promise<SheetView> {
    return this.sheets.changeSheet(user, params.sheetId, 'remark', dto);
  }

  @Post('rounds/:roundId/reviews')
  @HttpCode(200)
  @Roles(['head_judge'])
  reconcile(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
    @Body() dto: ReconcileDto,
  ): Promise<Discrepancy[]> {
    return this.results.reconcile(user, params.roundId, dto);
  }

  @Post('rounds/:roundId/verify')
  @HttpCode(200)
  @Roles(['head_judge'])
  verify(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
    @Body() dto: RoundTransitionDto,
  ): Promise<RoundJudgingSettings> {
    return this.results.verify(user, params.roundId, dto);
  }

  @Post('rounds/:roundId/unverify')
  @HttpCode(200)
  @Roles(['head_judge'])
  unverify(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
    @Body() dto: RoundTransitionDto,
  ): Promise<RoundJudgingSettings> {
    return this.results.unverify(user, params.roundId, dto);
  }

  @Post('rounds/:roundId/publish')
  @HttpCode(200)
  @Roles(['head_judge', 'organiser'])
  publish(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
    @Body() dto: RoundTransitionDto,
  ): Promise<ResultVersionSummary> {
    return this.results.publish(user, params.roundId, dto);
  }

  // results
  @Public()
  @Get('rounds/:roundId/results')
  versions(@Param() params: RoundParams): Promise<ResultVersionSummary[]> {
    return this.results.versions(params.roundId);
  }

  @Public()
  @Get('rounds/:roundId/results/diff')
  diff(@Param() params: RoundParams, @Query() query: DiffQuery): Promise<ResultDiff> {
    return this.results.diff(params.roundId, query.from, query.to);
  }

  @Public()
  @Get('rounds/:roundId/results/:version')
  version(@Param() params: VersionParams): Promise<ResultVersionView> {
    return this.results.version(params.roundId, params.version);
  }

  // appeals
  @Post('rounds/:roundId/appeals')
  fileAppeal(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
    @Body() dto: FileAppealDto,
  ): Promise<AppealView> {
    return this.appeals.file(user, params.roundId, dto);
  }

  @Get('rounds/:roundId/appeals')
  listAppeals(@CurrentUser() user: AuthUser, @Param() params: RoundParams): Promise<AppealView[]> {
    return this.appeals.list(user, params.roundId);
  }

  @Get('appeals/:appealId')
  @Roles(['head_judge', 'arbitrator', 'organiser'])
  appealCase(@CurrentUser() user: AuthUser, @Param() params: AppealParams): Promise<AppealCase> {
    return this.appeals.appealCase(user, params.appealId);
  }

  /** The arbitration group's list: appeals of the competitions the caller arbitrates. */
  @Get('me/appeals')
  @Roles(['arbitrator'])
  arbitrationAppeals(@CurrentUser() user: AuthUser): Promise<ArbitrationAppeal[]> {
    return this.appeals.arbitrationAppeals(user);
  }

  @Post('appeals/:appealId/review')
  @HttpCode(200)
  @Roles(['head_judge', 'arbitrator'])
  reviewAppeal(@CurrentUser() user: AuthUser, @Param() params: AppealParams): Promise<AppealView> {
    return this.appeals.review(user, params.appealId);
  }

  @Post('appeals/:appealId/decide')
  @HttpCode(200)
  @Roles(['head_judge', 'arbitrator'])
  decideAppeal(
    @CurrentUser() user: AuthUser,
    @Param() params: AppealParams,
    @Body() dto: DecideAppealDto,
  ): Promise<AppealView> {
    return this.appeals.decide(user, params.appealId, dto);
  }

  // theory results
  @Post('rounds/:roundId/theory-import')
  @HttpCode(200)
  @Roles(['organiser', 'head_judge'])
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_THEORY_BYTES, files: 1 } }))
  importTheory(
    @CurrentUser() user: AuthUser,
    @Param() params: RoundParams,
    @UploadedFile() file: TheoryUpload | undefined,
    @Body() body: TheoryImportFormDto,
  ): Promise<TheoryImportReport> {
    return this.theory.importScores(
      user,
      params.roundId,
      file,
      body.aspectId,
      body.dryRun === 'true',
    );
  }

  // audit chain
  @Get('events/:eventId/audit/verify')
  @Roles(['organiser', 'platform_admin'])
  verifyChain(
    @CurrentUser() user: AuthUser,
    @Param() params: EventParams,
  ): Promise<ChainVerification> {
    return this.chainAudit.verify(user, params.eventId);
  }
}
