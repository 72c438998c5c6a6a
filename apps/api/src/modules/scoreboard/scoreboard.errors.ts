import { ConflictError, DomainError } from '../../common/errors/domain-error';

export class ScoreboardNotFrozenError extends ConflictError {
  override readonly code = 'scoreboard.not_frozen';
}

export class ScoreboardRevealingError extends ConflictError {
  override readonly code = 'scoreboard.revealing';
}

export class VoteNotOpenError extends ConflictError {
  override readonly code = 'scoreboard.vote_not_open';
}

export class VoteAlreadyCastError extends ConflictError {
  override readonly code = 'scoreboard.vote_already_cast';
}

export class VoteUnknownEntryError extends DomainError {
  readonly status = 400;
  readonly code = 'scoreboard.vote_unknown_entry';
}

export class VoteThrottledError extends DomainError {
  readonly status = 429;
  readonly code = 'scoreboard.vote_throttled';

  constructor(seconds: number) {
    super({ seconds }, { 'Retry-After': String(seconds) });
  }
}
