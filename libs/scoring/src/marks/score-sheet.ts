import { Exact, remainder } from '../exact/exact';
import { type InputIssue, InvalidMarksError, issueAt } from '../errors';
import type { CompiledKind, CompiledNode, CompiledRubric } from '../rubric/compiled-rubric';
import type { DecimalInput } from '../rubric/primitives.schema';
import { decimalPlaces, scaledInteger, unitFor } from './mark-value';
import type { Absence, Entry, EventMarks, Mark, ParameterValues, Review } from './marks.schema';

/**
 * The score sheet: every entry's marks sorted into slots (one per aspect and attempt), with the
 * entry's parameters, absences and head-judge reviews beside them. Building it checks that the
 * marks fit the rubric (known entries and aspects, attempts in range, marks on the scale, one
 * mark per judge), so scoring never meets a malformed mark.
 *
 * Marks are filed without allocating per mark: a counting sort puts the indices of the marks of
 * each (entry, slot) next to each other in one array, and each mark's value is read once into a
 * scaled integer (7.5 → 75 with 1 decimal place) that scoring adds and compares exactly.
 */

export interface MarkBook {
  /** the marks as given */
  readonly marks: readonly Mark[];
  /** mark indices grouped by (entry, slot) */
  readonly order: Int32Array;
  /**
   * per filed mark, in the order of `order`: its value × 10^places, an integer (32-bit when
   * every mark fits, as marks on a scale do: half the memory to allocate and read)
   */
  readonly scaled: Int32Array | Float64Array;
  /** per filed mark, in the order of `order`: the decimal places of `scaled` */
  readonly places: Uint8Array;
  /** per (entry, slot): where its marks start in `order`; one more element closes the last */
  readonly start: Int32Array;
}

export interface EntrySheet {
  readonly entry: Entry;
  readonly book: MarkBook;
  /** this entry's first (entry, slot) index in the book */
  readonly base: number;
  readonly parameters: readonly ParameterValues[];
  readonly absences: readonly Absence[];
  readonly reviews: readonly Review[];
}

export interface ScoreSheet {
  readonly entries: readonly EntrySheet[];
  readonly byEntry: ReadonlyMap<string, EntrySheet>;
}

/** How many marks an entry has in one slot. */
export function slotCount(sheet: EntrySheet, slot: number): number {
  const at = sheet.base + slot;
  return (sheet.book.start[at + 1] as number) - (sheet.book.start[at] as number);
}

/** All of an entry's marks, slot by slot. */
export function entryMarks(sheet: EntrySheet, slotsPerEntry: number): Mark[] {
  const { book } = sheet;
  const marks: Mark[] = [];
  const from = book.start[sheet.base] as number;
  const to = book.start[sheet.base + slotsPerEntry] as number;
  for (let p = from; p < to; p++) marks.push(book.marks[book.order[p] as number] as Mark);
  return marks;
}

/**
 * Which judges have marked each (entry, slot), as bits: judges are numbered as they are first
 * met, and each slot keeps the bits of the judges who marked it. Judges usually mark in the same
 * order in every slot, so the judge after the last one is tried before the map of names. Beyond
 * 31 distinct judges in an event the bits run out; `crowded` then asks for the slow check.
 */
class JudgesPerSlot {
  private readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  private last = -1;
  private readonly seen: Int32Array;
  crowded = false;

  constructor(slots: number) {
    this.seen = scratch.seen(slots);
  }

  /** False when this judge already marked this slot. */
  add(key: number, judge: string): boolean {
    const names = this.names;
    let number = this.last + 1;
    if (number >= names.length) number = 0;
    if (names[number] !== judge) {
      const known = this.numbers.get(judge);
      if (known === undefined) {
        number = names.length;
        names.push(judge);
        this.numbers.set(judge, number);
      } else number = known;
    }
    this.last = number;
    if (number >= 31) {
      this.crowded = true;
      return true;
    }
    const bit = 1 << number;
    const seen = this.seen[key] as number;
    if ((seen & bit) !== 0) return false;
    this.seen[key] = seen | bit;
    return true;
  }
}

/**
 * Working arrays of the filing, reused from one filing to the next (they are only read while
 * filing): allocating megabytes of typed arrays for every recompute makes the garbage collector
 * run for the memory outside its heap. They keep the size of the largest event filed.
 */
const scratch = {
  keys: new Int32Array(0),
  scaled: new Float64Array(0),
  places: new Uint8Array(0),
  seenBits: new Int32Array(0),
  /** 0, 1, 2, …: the order of marks that arrive already grouped (shared, never written) */
  identity: new Int32Array(0),

  arrays(length: number): { keys: Int32Array; scaled: Float64Array; places: Uint8Array } {
    if (this.keys.length < length) {
      this.keys = new Int32Array(length);
      this.scaled = new Float64Array(length);
      this.places = new Uint8Array(length);
    }
    return { keys: this.keys, scaled: this.scaled, places: this.places };
  },

  seen(length: number): Int32Array {
    if (this.seenBits.length < length) this.seenBits = new Int32Array(length);
    else this.seenBits.fill(0, 0, length);
    return this.seenBits;
  },

  order(length: number): Int32Array {
    if (this.identity.length < length) {
      this.identity = new Int32Array(Math.max(length, 2 * this.identity.length));
      for (let i = 0; i < this.identity.length; i++) this.identity[i] = i;
    }
    return this.identity.subarray(0, length);
  },
};

/**
 * Counting sort: the marks grouped by key, in input order within a key, with their values.
 * `counts[key + 1]` holds each key's number of marks; keys of −1 are left out. Marks that
 * arrive grouped already (every key filed, keys never decreasing) keep their order.
 */
function groupByKey(
  count: number,
  keys: Int32Array,
  scaled: Float64Array,
  places: Uint8Array,
  counts: Int32Array,
  inOrder: boolean,
  wide: boolean,
): {
  order: Int32Array;
  start: Int32Array;
  scaled: Int32Array | Float64Array;
  places: Uint8Array;
} {
  const start = counts;
  for (let k = 1; k < start.length; k++) start[k] = (start[k] as number) + (start[k - 1] as number);
  const filed = start[start.length - 1] as number;
  const sortedScaled = wide ? new Float64Array(filed) : new Int32Array(filed);
  if (inOrder && filed === count) {
    sortedScaled.set(scaled.subarray(0, count));
    return {
      order: scratch.order(count),
      start,
      scaled: sortedScaled,
      places: places.slice(0, count),
    };
  }
  const order = new Int32Array(filed);
  const sortedPlaces = new Uint8Array(filed);
  const next = start.slice(0, start.length - 1);
  for (let i = 0; i < count; i++) {
    const key = keys[i] as number;
    if (key < 0) continue;
    const at = next[key]++ as number;
    order[at] = i;
    sortedScaled[at] = scaled[i] as number;
    sortedPlaces[at] = places[i] as number;
  }
  return { order, start, scaled: sortedScaled, places: sortedPlaces };
}

const MAX_ISSUES = 50;
/** Scales read inline stay within 32 bits, where `remainder` is integer division. */
const MAX_QUICK = 0x3fffffff;
const NONE: readonly never[] = [];

export class ScoreSheetBuilder {
  private issues: InputIssue[] = [];
  private duplicateEntries = false;
  /** per aspect (by its first slot): how its marks are checked and read */
  private readonly readers: MarkReader[] = [];
  /** aspect id → position in the rubric's aspects */
  private readonly aspectIndex = new Map<string, number>();

  /**
   * Per aspect (by position): a judgement scale as scaled integers, for reading its marks without
   * a call (unit 0: no scale, or one too large to read this way). The aspect's reader gives the
   * same figures; it is used whenever a mark is not a number on the scale.
   */
  private readonly quickUnit: Float64Array;
  private readonly quickLow: Float64Array;
  private readonly quickHigh: Float64Array;
  private readonly quickStride: Float64Array;
  private readonly quickPlaces: Uint8Array;

  constructor(private readonly compiled: CompiledRubric) {
    const count = compiled.aspects.length;
    this.quickUnit = new Float64Array(count);
    this.quickLow = new Float64Array(count);
    this.quickHigh = new Float64Array(count);
    this.quickStride = new Float64Array(count);
    this.quickPlaces = new Uint8Array(count);
    compiled.aspects.forEach((aspect, index) => {
      const kind = aspect.kind as CompiledKind;
      this.readers[aspect.slot] = markReader(kind);
      this.aspectIndex.set(aspect.id, index);
      if (kind.kind === 'judgement') this.quickScale(index, kind);
    });
  }

  private quickScale(index: number, scale: Extract<CompiledKind, { kind: 'judgement' }>): void {
    const unit = unitFor(scale.places);
    const scaled = (value: Exact): number => value.mul(Exact.of(unit)).toSafeInteger() ?? NaN;
    const low = scaled(scale.min);
    const high = scaled(scale.top);
    const stride = scaled(scale.step);
    const fits = (value: number): boolean => Math.abs(value) <= MAX_QUICK;
    if (!fits(low) || !fits(high) || !fits(stride) || stride <= 0) return;
    this.quickUnit[index] = unit;
    this.quickLow[index] = low;
    this.quickHigh[index] = high;
    this.quickStride[index] = stride;
    this.quickPlaces[index] = scale.places;
  }

  build(marks: EventMarks): ScoreSheet {
    this.issues = [];
    this.checkRubricReference(marks);
    this.checkEntries(marks.entries);
    const book = this.fileMarks(marks.entries, marks.marks, ['marks']);
    const sheets: EntrySheet[] = marks.entries.map((entry, index) => ({
      entry,
      book,
      base: index * this.compiled.slotCount,
      parameters: NONE,
      absences: NONE,
      reviews: NONE,
    }));
    const byEntry = new Map(sheets.map((sheet) => [sheet.entry.id, sheet]));
    this.attachParameters(byEntry, marks.parameters ?? []);
    this.attachAbsences(byEntry, marks.absences ?? []);
    this.attachReviews(byEntry, marks.reviews ?? []);
    if (this.issues.length > 0) throw new InvalidMarksError(this.issues);
    return { entries: sheets, byEntry };
  }

  /** The same entry with another set of marks (after a judge records or corrects one). */
  rebuildEntry(sheet: EntrySheet, marks: readonly Mark[]): EntrySheet {
    this.issues = [];
    this.duplicateEntries = false;
    const book = this.fileMarks([sheet.entry], marks, ['mark']);
    if (this.issues.length > 0) throw new InvalidMarksError(this.issues);
    return { ...sheet, book, base: 0 };
  }

  private report(path: readonly PropertyKey[], message: string): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push(issueAt(path, message));
  }

  private checkRubricReference(marks: EventMarks): void {
    const rubric = this.compiled.rubric;
    if (marks.rubric.id !== rubric.id) {
      this.report(
        ['rubric', 'id'],
        `these marks are for rubric "${marks.rubric.id}", not "${rubric.id}"`,
      );
    }
    if (marks.rubric.revision !== undefined && marks.rubric.revision !== rubric.revision) {
      this.report(
        ['rubric', 'revision'],
        `these marks are for revision "${marks.rubric.revision}", not "${rubric.revision}"`,
      );
    }
  }

  private checkEntries(entries: readonly Entry[]): void {
    const seen = new Set<string>();
    this.duplicateEntries = false;
    const fields = new Set((this.compiled.rubric.fields ?? []).map((field) => field.id));
    entries.forEach((entry, index) => {
      if (seen.has(entry.id)) {
        this.report(['entries', index, 'id'], `duplicate entry "${entry.id}"`);
        this.duplicateEntries = true;
      }
      seen.add(entry.id);
      for (const field of Object.keys(entry.fields ?? {})) {
        if (!fields.has(field))
          this.report(
            ['entries', index, 'fields', field],
            'unknown field (declare it in the rubric\'s "fields")',
          );
      }
    });
  }

  /** Files the marks by (entry, slot) with a counting sort, checking each against the rubric. */
  private fileMarks(
    entries: readonly Entry[],
    marks: readonly Mark[],
    path: readonly PropertyKey[],
  ): MarkBook {
    const slotsPerEntry = this.compiled.slotCount;
    const aspects = this.compiled.aspects;
    // With a duplicate entry id (already an issue), the map's choice of entry is kept.
    const guessEntries = !this.duplicateEntries;
    let entryIndex: Map<string, number> | undefined;
    const { keys, scaled, places } = scratch.arrays(marks.length);
    let inOrder = true;
    let lastKey = -1;
    let wide = false;
    const counts = new Int32Array(entries.length * slotsPerEntry + 1);
    const judges = new JudgesPerSlot(entries.length * slotsPerEntry);
    const reading: MarkReading = { scaled: 0, places: 0, problem: undefined };
    // Marks usually come grouped by entry and aspect, in the order of the entries and of the
    // rubric: the last entry and aspect are reused, and the next ones are tried before a lookup.
    let lastEntry: string | undefined;
    let entry = -1;
    let lastAspect: string | undefined;
    let aspectAt = -1;
    let aspect: CompiledNode | undefined;
    for (let i = 0; i < marks.length; i++) {
      const mark = marks[i] as Mark;
      keys[i] = -1;
      if (mark.entry !== lastEntry) {
        lastEntry = mark.entry;
        if (
          guessEntries &&
          entry + 1 < entries.length &&
          (entries[entry + 1] as Entry).id === lastEntry
        )
          entry++;
        else {
          entryIndex ??= new Map(entries.map((entry, index) => [entry.id, index]));
          entry = entryIndex.get(lastEntry) ?? -1;
        }
      }
      if (mark.aspect !== lastAspect) {
        lastAspect = mark.aspect;
        const next = aspectAt + 1 < aspects.length ? aspectAt + 1 : 0;
        if (next < aspects.length && (aspects[next] as CompiledNode).id === lastAspect) {
          aspectAt = next;
          aspect = aspects[next];
        } else {
          aspectAt = this.aspectIndex.get(lastAspect) ?? -1;
          aspect = aspectAt < 0 ? undefined : aspects[aspectAt];
        }
      }
      if (entry < 0) {
        this.report([...path, i, 'entry'], `unknown entry "${mark.entry}"`);
        continue;
      }
      if (!aspect) {
        this.report([...path, i, 'aspect'], `unknown aspect "${mark.aspect}"`);
        continue;
      }
      const slot =
        mark.attempt === undefined && !aspect.repeatedBy
          ? aspect.slot
          : this.slotOf(aspect, mark.attempt, [...path, i]);
      if (slot === undefined) continue;
      // A judgement mark given as a number on the scale is read here; any other mark (text, off
      // the scale, another kind) goes to the aspect's reader, which also words the problem.
      const value = mark.value;
      const unit = this.quickUnit[aspectAt] as number;
      let quick = NaN;
      if (unit !== 0 && typeof value === 'number') {
        const scaledValue = Math.round(value * unit);
        const low = this.quickLow[aspectAt] as number;
        if (
          scaledValue / unit === value &&
          scaledValue >= low &&
          scaledValue <= (this.quickHigh[aspectAt] as number) &&
          remainder(scaledValue - low, this.quickStride[aspectAt] as number) === 0
        )
          quick = scaledValue === 0 ? 0 : scaledValue;
      }
      if (Number.isNaN(quick)) {
        (this.readers[aspect.slot] as MarkReader)(value, reading);
        if (reading.problem !== undefined) {
          this.report([...path, i, 'value'], reading.problem);
          continue;
        }
      } else {
        reading.scaled = quick;
        reading.places = this.quickPlaces[aspectAt] as number;
      }
      const key = entry * slotsPerEntry + slot;
      if (!judges.add(key, mark.judge ?? '')) {
        this.reportSecondMark(mark, [...path, i]);
        continue;
      }
      keys[i] = key;
      places[i] = reading.places;
      scaled[i] = reading.scaled;
      if ((reading.scaled | 0) !== reading.scaled) wide = true;
      counts[key + 1]++;
      if (key < lastKey) inOrder = false;
      lastKey = key;
    }
    const book = {
      marks,
      ...groupByKey(marks.length, keys, scaled, places, counts, inOrder, wide),
    };
    if (judges.crowded) this.checkOneMarkPerJudge(book, path);
    return book;
  }

  /** The slow check, for events with more judges than `JudgesPerSlot` can track with bits. */
  private checkOneMarkPerJudge(book: MarkBook, path: readonly PropertyKey[]): void {
    for (let key = 0; key + 1 < book.start.length; key++) {
      for (let p = (book.start[key] as number) + 1; p < (book.start[key + 1] as number); p++) {
        const mark = book.marks[book.order[p] as number] as Mark;
        for (let q = book.start[key] as number; q < p; q++) {
          if (((book.marks[book.order[q] as number] as Mark).judge ?? '') !== (mark.judge ?? ''))
            continue;
          this.reportSecondMark(mark, [...path, book.order[p] as number]);
          break;
        }
      }
    }
  }

  private reportSecondMark(mark: Mark, path: readonly PropertyKey[]): void {
    const attempt = mark.attempt ? `, attempt ${mark.attempt}` : '';
    this.report(
      path,
      `a second mark by judge "${mark.judge ?? ''}" for entry "${mark.entry}", aspect "${mark.aspect}"${attempt}`,
    );
  }

  /** The slot of an aspect's mark, or undefined (and an issue) when the attempt does not fit. */
  private slotOf(
    aspect: CompiledNode,
    attempt: number | undefined,
    path: readonly PropertyKey[],
  ): number | undefined {
    const attempts = aspect.repeatedBy?.attempts;
    if (!attempts) {
      if (attempt === undefined) return aspect.slot;
      this.report([...path, 'attempt'], `aspect "${aspect.id}" has no attempts`);
      return undefined;
    }
    if (attempt === undefined) {
      this.report(
        [...path, 'attempt'],
        `is required: "${aspect.id}" is marked in attempts (1 to ${attempts.count})`,
      );
      return undefined;
    }
    if (attempt > attempts.count) {
      this.report([...path, 'attempt'], `must be between 1 and ${attempts.count}`);
      return undefined;
    }
    return aspect.slot + attempt - 1;
  }

  private attachParameters(
    byEntry: Map<string, EntrySheet>,
    rows: readonly ParameterValues[],
  ): void {
    const grouped = new Map<string, ParameterValues[]>();
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      const path = ['parameters', index];
      if (!byEntry.has(row.entry)) this.report([...path, 'entry'], `unknown entry "${row.entry}"`);
      if (row.node !== undefined && !this.compiled.nodes.has(row.node))
        this.report([...path, 'node'], `unknown node "${row.node}"`);
      for (const [id, value] of Object.entries(row.values)) {
        this.checkParameterValue(id, value, [...path, 'values', id]);
        const key = JSON.stringify([row.entry, row.node ?? null, row.attempt ?? null, id]);
        if (seen.has(key))
          this.report([...path, 'values', id], 'given twice for the same entry, node and attempt');
        seen.add(key);
      }
      grouped.set(row.entry, [...(grouped.get(row.entry) ?? []), row]);
    });
    for (const [entry, list] of grouped) replaceField(byEntry, entry, 'parameters', list);
  }

  private checkParameterValue(id: string, value: DecimalInput, path: readonly PropertyKey[]): void {
    const definition = this.compiled.parameters.get(id);
    if (!definition) {
      this.report(path, 'unknown parameter (declare it in the rubric\'s "parameters")');
      return;
    }
    const exact = Exact.parse(value);
    if (definition.min !== undefined && exact.lt(Exact.parse(definition.min)))
      this.report(path, `must be >= ${definition.min}`);
    if (definition.max !== undefined && exact.gt(Exact.parse(definition.max)))
      this.report(path, `must be <= ${definition.max}`);
  }

  private attachAbsences(byEntry: Map<string, EntrySheet>, rows: readonly Absence[]): void {
    const everyone: Absence[] = [];
    const perEntry = new Map<string, Absence[]>();
    rows.forEach((row, index) => {
      if (row.node !== undefined && !this.compiled.nodes.has(row.node))
        this.report(['absences', index, 'node'], `unknown node "${row.node}"`);
      if (row.entry === undefined) everyone.push(row);
      else if (!byEntry.has(row.entry))
        this.report(['absences', index, 'entry'], `unknown entry "${row.entry}"`);
      else perEntry.set(row.entry, [...(perEntry.get(row.entry) ?? []), row]);
    });
    if (everyone.length === 0 && perEntry.size === 0) return;
    for (const id of [...byEntry.keys()])
      replaceField(byEntry, id, 'absences', [...everyone, ...(perEntry.get(id) ?? [])]);
  }

  private attachReviews(byEntry: Map<string, EntrySheet>, rows: readonly Review[]): void {
    const perEntry = new Map<string, Review[]>();
    rows.forEach((row, index) => {
      if (!byEntry.has(row.entry))
        this.report(['reviews', index, 'entry'], `unknown entry "${row.entry}"`);
      if (!this.compiled.nodes.has(row.node))
        this.report(['reviews', index, 'node'], `unknown node "${row.node}"`);
      perEntry.set(row.entry, [...(perEntry.get(row.entry) ?? []), row]);
    });
    for (const [entry, list] of perEntry) replaceField(byEntry, entry, 'reviews', list);
  }
}

function replaceField<K extends 'parameters' | 'absences' | 'reviews'>(
  byEntry: Map<string, EntrySheet>,
  entry: string,
  key: K,
  value: EntrySheet[K],
): void {
  const sheet = byEntry.get(entry);
  if (sheet) (sheet as { -readonly [P in keyof EntrySheet]: EntrySheet[P] })[key] = value;
}

interface MarkReading {
  scaled: number;
  places: number;
  problem: string | undefined;
}

/** Checks a mark's value for an aspect and reads it into `reading` (no allocation per mark). */
type MarkReader = (value: DecimalInput, reading: MarkReading) => void;

function read(
  reading: MarkReading,
  scaled: number,
  places: number,
  problem: string | undefined,
): void {
  reading.scaled = scaled;
  reading.places = places;
  reading.problem = problem;
}

/** How a mark for an aspect of this kind is checked and read. */
function markReader(kind: CompiledKind): MarkReader {
  switch (kind.kind) {
    case 'judgement':
      return judgementReader(kind.min, kind.top, kind.step, kind.places);
    case 'deduction':
      return (value, reading) => {
        const count = scaledInteger(value, 0);
        read(
          reading,
          count,
          0,
          !Number.isNaN(count) && count >= 0
            ? undefined
            : 'must be a whole number of occurrences (0, 1, 2, …)',
        );
      };
    case 'measurement':
      if (kind.rule.type === 'pass_fail') {
        return (value, reading) => {
          const mark = scaledInteger(value, 0);
          read(
            reading,
            mark,
            0,
            mark === 0 || mark === 1 ? undefined : 'must be 1 (pass) or 0 (fail)',
          );
        };
      }
      return anyDecimal;
    case 'time':
      return (value, reading) => {
        anyDecimal(value, reading);
        if (reading.problem === undefined && reading.scaled < 0)
          reading.problem = 'must be >= 0 seconds';
      };
    case 'imported':
      return anyDecimal;
    default:
      return kind satisfies never;
  }
}

function anyDecimal(value: DecimalInput, reading: MarkReading): void {
  const places = decimalPlaces(value);
  const scaled = Number.isNaN(places) ? NaN : scaledInteger(value, places);
  read(
    reading,
    scaled,
    places,
    Number.isNaN(scaled) ? 'has too many digits to be used exactly' : undefined,
  );
}

function judgementReader(min: Exact, top: Exact, step: Exact, places: number): MarkReader {
  const unit = Exact.of(unitFor(places));
  const scaled = (value: Exact): number => value.mul(unit).toSafeInteger() ?? NaN;
  const low = scaled(min);
  const high = scaled(top);
  const stride = scaled(step);
  const range = `must be between ${min.toString()} and ${top.toString()}`;
  const multiple = `must be a multiple of ${step.toString()} (the scale's step)`;
  return (value, reading) => {
    const mark = scaledInteger(value, places);
    let problem: string | undefined;
    if (Number.isNaN(mark)) problem = Number.isNaN(decimalPlaces(value)) ? range : multiple;
    else if (mark < low || mark > high) problem = range;
    else if (remainder(mark - low, stride) !== 0) problem = multiple;
    read(reading, mark, places, problem);
  };
}
