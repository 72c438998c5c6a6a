import type { ErrorCode } from '@jingsai/contracts';
import { DomainError, type MessageParams } from '../../common/errors/domain-error';

/** A judging rule broken on purpose-built input; status 409 (state) or 422 (content). */
export class JudgingError extends DomainError {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    params: MessageParams = {},
  ) {
    super(params);
  }
}

export const notAssigned = () => new JudgingError('judging.not_assigned', 403);
export const sheetNotOpen = (status: string) =>
  new JudgingError('judging.sheet_not_open', 409, { status });
export const roundClosed = (phase: string) =>
  new JudgingError('judging.round_closed', 409, { phase });
export const unknownAspect = (aspect: string) =>
  new JudgingError('judging.unknown_aspect', 422, { aspect });
export const aspectNotAssigned = (aspect: string) =>
  new JudgingError('judging.aspect_not_assigned', 403, { aspect });
export const invalidValue = (params: {
  aspect: string;
  value: string;
  min: string;
  max: string;
  step: string;
}) => new JudgingError('judging.invalid_value', 422, params);
export const reasonRequired = () => new JudgingError('judging.reason_required', 422);
export const entryAbsent = () => new JudgingError('judging.entry_absent', 409);
export const recused = () => new JudgingError('judging.recused', 403);
export const signatureMismatch = (name: string) =>
  new JudgingError('judging.signature_mismatch', 422, { name });
export const sheetIncomplete = (count: number) =>
  new JudgingError('judging.sheet_incomplete', 422, { count });
export const sheetTransition = (from: string, to: string) =>
  new JudgingError('judging.sheet_transition', 409, { from, to });
export const phaseTransition = (from: string, to: string) =>
  new JudgingError('judging.phase_transition', 409, { from, to });
export const resultsIncomplete = (count: number) =>
  new JudgingError('judging.results_incomplete', 409, { count });
export const noRubric = () => new JudgingError('judging.no_rubric', 409);
export const reasonMissing = () => new JudgingError('judging.reason_missing', 422);
export const appealWindowClosed = (hours: number) =>
  new JudgingError('judging.appeal_window_closed', 409, { hours });
export const appealNotPublished = () => new JudgingError('judging.appeal_not_published', 409);
export const appealTransition = (status: string, to: string) =>
  new JudgingError('judging.appeal_status', 409, { status, to });
