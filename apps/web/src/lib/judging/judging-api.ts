/**
 * The judging endpoints (libs/contracts/src/judging.ts lists them), through the app's one HTTP
 * client (`request` in lib/api.ts): same cookie, language header and ApiError handling.
 */
import type {
  AppealCase,
  AppealView,
  ArbitrationAppeal,
  ChainVerification,
  DecideAppealRequest,
  Discrepancy,
  FileAppealRequest,
  JudgeQueue,
  JudgingRoundSummary,
  PanelProposal,
  PanelView,
  ProposePanelRequest,
  ReconcileRequest,
  ResultDiff,
  ResultVersionSummary,
  ResultVersionView,
  RoundJudgingSettings,
  RoundSheetsView,
  RoundTransitionRequest,
  SheetActionRequest,
  SavePanelRequest,
  SheetView,
  SubmitMarksRequest,
  SubmitMarksResponse,
  SubmitSheetRequest,
  TheoryImportReport,
} from '@jingsai/contracts';
import { request } from '../api';

const id = (value: string): string => encodeURIComponent(value);

export const judgingApi = {
  queue: (signal?: AbortSignal) => request<JudgeQueue>('GET', '/judging/me/queue', { signal }),
  sheet: (sheetId: string, signal?: AbortSignal) =>
    request<SheetView>('GET', `/judging/sheets/${id(sheetId)}`, { signal }),
  submitMarks: (body: SubmitMarksRequest) =>
    request<SubmitMarksResponse>('POST', '/judging/marks', { body }),
  submitSheet: (sheetId: string, body: SubmitSheetRequest) =>
    request<SheetView>('POST', `/judging/sheets/${id(sheetId)}/submit`, { body }),

  panel: (roundId: string, signal?: AbortSignal) =>
    request<PanelView>('GET', `/judging/rounds/${id(roundId)}/panel`, { signal }),
  savePanel: (roundId: string, body: SavePanelRequest) =>
    request<PanelView>('PUT', `/judging/rounds/${id(roundId)}/panel`, { body }),
  proposePanel: (roundId: string, body: ProposePanelRequest) =>
    request<PanelProposal>('POST', `/judging/rounds/${id(roundId)}/panel/proposal`, { body }),

  rounds: (competitionId: string, signal?: AbortSignal) =>
    request<JudgingRoundSummary[]>('GET', `/judging/competitions/${id(competitionId)}/rounds`, {
      signal,
    }),
  roundSheets: (roundId: string, signal?: AbortSignal) =>
    request<RoundSheetsView>('GET', `/judging/rounds/${id(roundId)}/sheets`, { signal }),
  discrepancies: (roundId: string, signal?: AbortSignal) =>
    request<Discrepancy[]>('GET', `/judging/rounds/${id(roundId)}/discrepancies`, { signal }),
  lockSheet: (sheetId: string, body: SheetActionRequest) =>
    request<SheetView>('POST', `/judging/sheets/${id(sheetId)}/lock`, { body }),
  unlockSheet: (sheetId: string, body: SheetActionRequest) =>
    request<SheetView>('POST', `/judging/sheets/${id(sheetId)}/unlock`, { body }),
  requestRemark: (sheetId: string, body: SheetActionRequest) =>
    request<SheetView>('POST', `/judging/sheets/${id(sheetId)}/remark`, { body }),
  reconcile: (roundId: string, body: ReconcileRequest) =>
    request<Discrepancy[]>('POST', `/judging/rounds/${id(roundId)}/reviews`, { body }),
  verify: (roundId: string, body: RoundTransitionRequest) =>
    request<RoundJudgingSettings>('POST', `/judging/rounds/${id(roundId)}/verify`, { body }),
  unverify: (roundId: string, body: RoundTransitionRequest) =>
    request<RoundJudgingSettings>('POST', `/judging/rounds/${id(roundId)}/unverify`, { body }),
  publish: (roundId: string, body: RoundTransitionRequest) =>
    request<ResultVersionSummary>('POST', `/judging/rounds/${id(roundId)}/publish`, { body }),

  results: (roundId: string, signal?: AbortSignal) =>
    request<ResultVersionSummary[]>('GET', `/judging/rounds/${id(roundId)}/results`, { signal }),
  result: (roundId: string, version: number, signal?: AbortSignal) =>
    request<ResultVersionView>('GET', `/judging/rounds/${id(roundId)}/results/${version}`, {
      signal,
    }),
  diff: (roundId: string, from: number, to: number, signal?: AbortSignal) =>
    request<ResultDiff>(
      'GET',
      `/judging/rounds/${id(roundId)}/results/diff?from=${from}&to=${to}`,
      { signal },
    ),

  appeals: (roundId: string, signal?: AbortSignal) =>
    request<AppealView[]>('GET', `/judging/rounds/${id(roundId)}/appeals`, { signal }),
  fileAppeal: (roundId: string, body: FileAppealRequest) =>
    request<AppealView>('POST', `/judging/rounds/${id(roundId)}/appeals`, { body }),
  appealCase: (appealId: string, signal?: AbortSignal) =>
    request<AppealCase>('GET', `/judging/appeals/${id(appealId)}`, { signal }),
  arbitrationAppeals: (signal?: AbortSignal) =>
    request<ArbitrationAppeal[]>('GET', '/judging/me/appeals', { signal }),
  reviewAppeal: (appealId: string) =>
    request<AppealView>('POST', `/judging/appeals/${id(appealId)}/review`),
  decideAppeal: (appealId: string, body: DecideAppealRequest) =>
    request<AppealView>('POST', `/judging/appeals/${id(appealId)}/decide`, { body }),

  /** Theory exam scores (XLSX by candidate number) into the round's imported aspect. */
  importTheory: (roundId: string, file: File, options: { aspectId?: string; dryRun: boolean }) => {
    const form = new FormData();
    form.append('file', file);
    if (options.aspectId) form.append('aspectId', options.aspectId);
    form.append('dryRun', options.dryRun ? 'true' : 'false');
    return request<TheoryImportReport>('POST', `/judging/rounds/${id(roundId)}/theory-import`, {
      body: form,
    });
  },

  verifyAuditChain: (eventId: string, signal?: AbortSignal) =>
    request<ChainVerification>('GET', `/judging/events/${id(eventId)}/audit/verify`, { signal }),
};
