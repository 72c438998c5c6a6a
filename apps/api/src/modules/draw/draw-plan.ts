import { createHash } from 'node:crypto';

/**
 * The draw itself, free of the database: a deterministic function of the seed and the inputs, so
 * anyone holding the seed and the recorded inputs can recompute it and compare digests.
 *
 * Randomness is a SHA-256 counter-mode stream: block i = SHA-256(label ‖ 0 ‖ seed ‖ 0 ‖ i), read
 * as big-endian 32-bit words. Separate labels give independent streams for the candidate-number
 * order, the station order and the anonymous codes.
 */
export class SeededStream {
  private counter = 0;
  private block: Buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(
    private readonly seed: string,
    private readonly label: string,
  ) {}

  nextUint32(): number {
    if (this.offset + 4 > this.block.length) {
      this.block = createHash('sha256')
        .update(`${this.label}\0${this.seed}\0${this.counter++}`)
        .digest();
      this.offset = 0;
    }
    const value = this.block.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  /** Uniform integer in [0, n), by rejection so no value is favoured. */
  nextInt(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`bad bound ${n}`);
    const limit = Math.floor(2 ** 32 / n) * n;
    for (;;) {
      const value = this.nextUint32();
      if (value < limit) return value % n;
    }
  }
}

/** Fisher–Yates: a uniformly random permutation of `items` (a new array). */
export function shuffle<T>(items: readonly T[], stream: SeededStream): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = stream.nextInt(i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

/** Letters and digits without look-alikes (0/O, 1/I/L), 31 symbols: 31⁶ ≈ 8.9 × 10⁸ codes. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 6;

export interface DrawSessionInput {
  id: string;
  stationCount: number;
}

/** Everything a draw depends on besides the seed; recorded with the draw for verification. */
export interface DrawInput {
  /** Ids of what is drawn (registrations or teams), in ascending order. */
  entrants: string[];
  /** The round's sessions in their order (start time, then id): filled one after another. */
  sessions: DrawSessionInput[];
  /** Prefix of new candidate numbers, or null when numbers were given earlier (later rounds). */
  numberPrefix: string | null;
}

export interface DrawPlacement {
  entrantId: string;
  /** Null when the draw does not number (later rounds keep the numbers of the first draw). */
  candidateNumber: string | null;
  anonymousCode: string;
  sessionId: string;
  station: number;
}

export interface DrawPlan {
  placements: DrawPlacement[];
  /** SHA-256 over the placements in entrant order: equal digests, equal results. */
  digest: string;
}

export class DrawCapacityShortError extends Error {
  constructor(
    readonly entrants: number,
    readonly capacity: number,
  ) {
    super(`${entrants} entrants but only ${capacity} stations`);
  }
}

export function capacityOf(sessions: readonly DrawSessionInput[]): number {
  return sessions.reduce((sum, session) => sum + session.stationCount, 0);
}

/** Candidate numbers: prefix + sequence zero-padded to at least 4 digits (e.g. 01-0007). */
export function candidateNumber(prefix: string, sequence: number, total: number): string {
  const width = Math.max(4, String(total).length);
  return `${prefix}${String(sequence).padStart(width, '0')}`;
}

export function planDraw(seed: string, input: DrawInput): DrawPlan {
  const entrants = [...input.entrants].sort();
  if (new Set(entrants).size !== entrants.length) throw new Error('duplicate entrant');
  const capacity = capacityOf(input.sessions);
  if (entrants.length > capacity) throw new DrawCapacityShortError(entrants.length, capacity);

  const numbers = new Map<string, string | null>();
  const numberOrder = shuffle(entrants, new SeededStream(seed, 'candidate-number'));
  numberOrder.forEach((id, index) =>
    numbers.set(
      id,
      input.numberPrefix === null
        ? null
        : candidateNumber(input.numberPrefix, index + 1, entrants.length),
    ),
  );

  const slots: Array<{ sessionId: string; station: number }> = [];
  for (const session of input.sessions) {
    for (
      let station = 1;
      station <= session.stationCount && slots.length < entrants.length;
      station++
    )
      slots.push({ sessionId: session.id, station });
  }
  const stationOrder = shuffle(entrants, new SeededStream(seed, 'station'));
  const slotOf = new Map(stationOrder.map((id, index) => [id, slots[index]!]));

  const codeStream = new SeededStream(seed, 'anonymous-code');
  const used = new Set<string>();
  const placements = entrants.map((entrantId): DrawPlacement => {
    let code: string;
    do {
      code = '';
      for (let i = 0; i < CODE_LENGTH; i++)
        code += CODE_ALPHABET[codeStream.nextInt(CODE_ALPHABET.length)];
    } while (used.has(code));
    used.add(code);
    const slot = slotOf.get(entrantId)!;
    return {
      entrantId,
      candidateNumber: numbers.get(entrantId) ?? null,
      anonymousCode: code,
      sessionId: slot.sessionId,
      station: slot.station,
    };
  });
  return { placements, digest: digestOf(placements) };
}

export function digestOf(placements: readonly DrawPlacement[]): string {
  const hash = createHash('sha256');
  for (const p of [...placements].sort((a, b) => (a.entrantId < b.entrantId ? -1 : 1)))
    hash.update(
      `${p.entrantId}|${p.candidateNumber ?? ''}|${p.anonymousCode}|${p.sessionId}|${p.station}\n`,
    );
  return hash.digest('hex');
}

export interface DrawRecordCheck {
  seed: string;
  recordedDigest: string;
  recomputedDigest: string | null;
  /** The recomputation equals the recorded digest and every recorded placement. */
  matches: boolean;
  /** Placements in the record that differ from the recomputation (or the reason it failed). */
  problems: string[];
}

/**
 * Recomputes a recorded draw (seed + inputs) and compares it with the recorded digest and
 * placements; `seed` checks another seed against the record instead.
 */
export function checkDrawRecord(
  record: { seed: string; digest: string; input: DrawInput; placements: DrawPlacement[] },
  seed: string = record.seed,
): DrawRecordCheck {
  let plan: DrawPlan;
  try {
    plan = planDraw(seed, record.input);
  } catch (error) {
    return {
      seed,
      recordedDigest: record.digest,
      recomputedDigest: null,
      matches: false,
      problems: [error instanceof Error ? error.message : String(error)],
    };
  }
  const recomputed = new Map(plan.placements.map((p) => [p.entrantId, p]));
  const problems: string[] = [];
  for (const placement of record.placements) {
    const expected = recomputed.get(placement.entrantId);
    if (!expected) problems.push(`${placement.entrantId}: not among the recorded entrants`);
    else if (
      expected.candidateNumber !== placement.candidateNumber ||
      expected.anonymousCode !== placement.anonymousCode ||
      expected.sessionId !== placement.sessionId ||
      expected.station !== placement.station
    )
      problems.push(
        `${placement.entrantId}: recorded ${placement.candidateNumber ?? '-'} ${placement.anonymousCode} ${placement.sessionId}#${placement.station}, recomputed ${expected.candidateNumber ?? '-'} ${expected.anonymousCode} ${expected.sessionId}#${expected.station}`,
      );
  }
  if (record.placements.length !== plan.placements.length)
    problems.push(
      `${record.placements.length} placements recorded, ${plan.placements.length} recomputed`,
    );
  return {
    seed,
    recordedDigest: record.digest,
    recomputedDigest: plan.digest,
    matches:
      plan.digest === record.digest &&
      problems.length === 0 &&
      digestOf(record.placements) === record.digest,
    problems,
  };
}
