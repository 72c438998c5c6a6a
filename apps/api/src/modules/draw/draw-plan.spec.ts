import { createHash } from 'node:crypto';
import {
  checkDrawRecord,
  CODE_ALPHABET,
  candidateNumber,
  digestOf,
  DrawCapacityShortError,
  type DrawInput,
  planDraw,
  SeededStream,
  shuffle,
} from './draw-plan';

const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

const input = (n: number, sessions: number[] = [n]): DrawInput => ({
  entrants: ids(n),
  sessions: sessions.map((stationCount, i) => ({ id: `session-${i + 1}`, stationCount })),
  numberPrefix: '03',
});

describe('seeded stream', () => {
  it('reads SHA-256(label, seed, counter) blocks as big-endian words', () => {
    const stream = new SeededStream('12345', 'station');
    const block0 = createHash('sha256').update('station\u000012345\u00000').digest();
    const block1 = createHash('sha256').update('station\u000012345\u00001').digest();
    const words = Array.from({ length: 9 }, () => stream.nextUint32());
    expect(words.slice(0, 8)).toEqual(
      Array.from({ length: 8 }, (_, i) => block0.readUInt32BE(i * 4)),
    );
    expect(words[8]).toBe(block1.readUInt32BE(0));
  });

  it('draws integers below the bound, covering every value', () => {
    const stream = new SeededStream('seed', 'test');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const value = stream.nextInt(7);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(7);
      seen.add(value);
    }
    expect(seen.size).toBe(7);
  });

  it('shuffles into a permutation that depends on the seed', () => {
    const items = ids(50);
    const a = shuffle(items, new SeededStream('a', 'x'));
    const b = shuffle(items, new SeededStream('b', 'x'));
    expect([...a].sort()).toEqual(items);
    expect(a).not.toEqual(items);
    expect(a).not.toEqual(b);
    expect(shuffle(items, new SeededStream('a', 'x'))).toEqual(a);
  });
});

describe('planDraw', () => {
  it('gives the same result for the same seed and entrants, whatever their order', () => {
    const first = planDraw('20261208', input(40, [25, 25]));
    const reordered = planDraw('20261208', {
      ...input(40, [25, 25]),
      entrants: [...ids(40)].reverse(),
    });
    expect(reordered).toEqual(first);
  });

  it('gives a different result for a different seed', () => {
    const a = planDraw('20261208', input(40));
    const b = planDraw('20261209', input(40));
    expect(b.digest).not.toBe(a.digest);
    expect(b.placements.map((p) => p.anonymousCode)).not.toEqual(
      a.placements.map((p) => p.anonymousCode),
    );
    expect(b.placements.map((p) => p.candidateNumber)).not.toEqual(
      a.placements.map((p) => p.candidateNumber),
    );
  });

  it('numbers 1..n with the prefix, codes unique and unrelated to the number order', () => {
    const { placements } = planDraw('seed-1', input(120, [50, 50, 50]));
    const numbers = placements.map((p) => p.candidateNumber);
    expect(new Set(numbers).size).toBe(120);
    expect([...numbers].sort()).toEqual(
      Array.from({ length: 120 }, (_, i) => `03${String(i + 1).padStart(4, '0')}`),
    );
    const codes = placements.map((p) => p.anonymousCode);
    expect(new Set(codes).size).toBe(120);
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
    const byNumber = [...placements].sort((a, b) =>
      a.candidateNumber! < b.candidateNumber! ? -1 : 1,
    );
    const codesInNumberOrder = byNumber.map((p) => p.anonymousCode);
    expect(codesInNumberOrder).not.toEqual([...codesInNumberOrder].sort());
  });

  it('fills sessions in order up to their station counts, each station once', () => {
    const { placements } = planDraw('seed-2', input(70, [30, 30, 30]));
    const slots = placements.map((p) => `${p.sessionId}#${p.station}`);
    expect(new Set(slots).size).toBe(70);
    const count = (id: string) => placements.filter((p) => p.sessionId === id).length;
    expect([count('session-1'), count('session-2'), count('session-3')]).toEqual([30, 30, 10]);
    for (const p of placements) {
      expect(p.station).toBeGreaterThanOrEqual(1);
      expect(p.station).toBeLessThanOrEqual(30);
    }
  });

  it('refuses when the stations are fewer than the entrants', () => {
    expect(() => planDraw('seed', input(11, [5, 5]))).toThrow(DrawCapacityShortError);
    expect(() => planDraw('seed', { ...input(1), sessions: [] })).toThrow(DrawCapacityShortError);
  });

  it('keeps earlier numbers in later rounds (no prefix, no new numbers)', () => {
    const { placements } = planDraw('seed', { ...input(5), numberPrefix: null });
    expect(placements.every((p) => p.candidateNumber === null)).toBe(true);
  });

  it('pads to the width of the largest number', () => {
    expect(candidateNumber('01', 7, 300)).toBe('010007');
    expect(candidateNumber('01', 7, 12000)).toBe('0100007');
  });
});

describe('checkDrawRecord', () => {
  const record = () => {
    const input = { ...input5(), numberPrefix: '02' };
    const plan = planDraw('record-seed', input);
    return { seed: 'record-seed', digest: plan.digest, input, placements: plan.placements };
  };
  const input5 = (): DrawInput => ({
    entrants: ids(5),
    sessions: [{ id: 's1', stationCount: 5 }],
    numberPrefix: '02',
  });

  it('accepts a genuine record', () => {
    expect(checkDrawRecord(record())).toMatchObject({ matches: true, problems: [] });
  });

  it('finds swapped codes even when the digest was recomputed to match the forgery', () => {
    const forged = record();
    const [a, b] = forged.placements;
    [a!.anonymousCode, b!.anonymousCode] = [b!.anonymousCode, a!.anonymousCode];
    forged.digest = digestOf(forged.placements);
    const result = checkDrawRecord(forged);
    expect(result.matches).toBe(false);
    expect(result.problems).toHaveLength(2);
    expect(result.problems[0]).toContain(a!.entrantId);
  });

  it('says a different seed does not give the recorded result', () => {
    const result = checkDrawRecord(record(), 'another-seed');
    expect(result.matches).toBe(false);
    expect(result.recomputedDigest).not.toBe(result.recordedDigest);
  });
});
