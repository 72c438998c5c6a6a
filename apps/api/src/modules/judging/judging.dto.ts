import {
  DecideAppealRequest,
  DeclareConflictRequest,
  FileAppealRequest,
  ProposePanelRequest,
  ReconcileRequest,
  RoundTransitionRequest,
  SavePanelRequest,
  SetHeadJudgeRequest,
  SheetActionRequest,
  SubmitMarksRequest,
  SubmitSheetRequest,
  UpdateRoundJudgingSettings,
} from '@jingsai/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class SheetParams extends createZodDto(z.object({ sheetId: z.uuid() })) {}
export class RoundParams extends createZodDto(z.object({ roundId: z.uuid() })) {}
export class EventParams extends createZodDto(z.object({ eventId: z.uuid() })) {}
export class CompetitionParams extends createZodDto(z.object({ competitionId: z.uuid() })) {}
export class AppealParams extends createZodDto(z.object({ appealId: z.uuid() })) {}
export class VersionParams extends createZodDto(
  z.object({ roundId: z.uuid(), version: z.coerce.number().int().min(1) }),
) {}
export class DiffQuery extends createZodDto(
  z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
) {}

export class SubmitMarksDto extends createZodDto(SubmitMarksRequest) {}
export class SubmitSheetDto extends createZodDto(SubmitSheetRequest) {}
export class SheetActionDto extends createZodDto(SheetActionRequest) {}
export class SavePanelDto extends createZodDto(SavePanelRequest) {}
export class ProposePanelDto extends createZodDto(ProposePanelRequest) {}
export class SetHeadJudgeDto extends createZodDto(SetHeadJudgeRequest) {}
export class DeclareConflictDto extends createZodDto(DeclareConflictRequest) {}
export class UpdateSettingsDto extends createZodDto(UpdateRoundJudgingSettings) {}
export class ReconcileDto extends createZodDto(ReconcileRequest) {}
export class RoundTransitionDto extends createZodDto(RoundTransitionRequest) {}
export class FileAppealDto extends createZodDto(FileAppealRequest) {}
export class DecideAppealDto extends createZodDto(DecideAppealRequest) {}
export class TheoryImportFormDto extends createZodDto(
  z.object({
    aspectId: z.string().min(1).max(100).optional(),
    dryRun: z.enum(['true', 'false']).optional(),
  }),
) {}
