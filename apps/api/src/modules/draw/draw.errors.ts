import { DomainError } from '../../common/errors/domain-error';

export class DrawCapacityError extends DomainError {
  readonly status = 409;
  readonly code = 'draw.capacity_short';

  constructor(entries: number, capacity: number) {
    super({ entries, capacity });
  }
}

export class NothingToDrawError extends DomainError {
  readonly status = 409;
  readonly code = 'draw.no_entries';
}

export class RoundStartedError extends DomainError {
  readonly status = 409;
  readonly code = 'draw.round_started';

  constructor(at: string) {
    super({ at });
  }
}

export class RoundNotDrawnError extends DomainError {
  readonly status = 409;
  readonly code = 'draw.not_drawn';
}

export class AlreadyRevealedError extends DomainError {
  readonly status = 409;
  readonly code = 'draw.already_revealed';

  constructor(at: string) {
    super({ at });
  }
}
