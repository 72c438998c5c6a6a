import { Exact, remainder } from '../exact/exact';
import { type InputIssue, InvalidMarksError, issueAt } from '../errors';
import type { CompiledKind, CompiledNode, CompiledRubric } from '../rubric/compiled-rubric';
import type { DecimalInput } from '../rubric/primitives.schema';
import { decimalPlaces, scaledInteger, unitFor } from './mark-value';
import {
  type ColumnarEventMarks,
  columnSource,
  isColumnar,
  type MarkColumns,
  type MarkSource,
  objectSource,
} from './mark-columns';
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
  /** the marks as given (objects or columns), one at a time */
  readonly source: MarkSource;
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
  /**
   * True when the marks of every (entry, slot) share one number of decimals (as marks on a
   * judgement scale always do), so a reader need not check them mark by mark.
   */
  readonly uniformPlaces: boolean;
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
  /** entry id → position in `entries` */
  readonly positions: ReadonlyMap<string, number>;
  readonly byEntry: SheetsById;
}

/** The sheets by entry id, read through the positions (no second map of every entry). */
export class SheetsById {
  constructor(
    private readonly positions: ReadonlyMap<string, number>,
    private readonly sheets: readonly EntrySheet[],
  ) {}

  has(id: string): boolean {
    return this.positions.has(id);
  }

  get(id: string): EntrySheet | undefined {
    const at = this.positions.get(id);
    return at === undefined ? undefined : this.sheets[at];
  }

  keys(): IterableIterator<string> {
    return this.positions.keys();
  }
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
  for (let p = from; p < to; p++) marks.push(book.source.mark(book.order[p] as number));
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

/** What the column filing loop reads and writes (see `fileColumnMarks`). */
interface ColumnFiling {
  readonly path: readonly PropertyKey[];
  readonly entries: readonly Entry[];
  readonly columns: MarkColumns;
  readonly count: number;
  readonly slotsPerEntry: number;
  readonly aspects: readonly CompiledNode[];
  readonly columnAspects: number;
  readonly aspectAt: Int32Array;
  readonly directSlot: Int32Array;
  readonly unitOf: Float64Array;
  readonly lowOf: Float64Array;
  readonly highOf: Float64Array;
  readonly strideOf: Float64Array;
  readonly placesOf: Uint8Array;
  readonly listedFrom: Int32Array;
  readonly listedCount: Int32Array;
  readonly listedFirst: Float64Array;
  readonly listedPerStep: Float64Array;
  readonly listed: Float64Array;
  readonly keys: Int32Array;
  readonly scaled: Float64Array;
  readonly places: Uint8Array;
  readonly counts: Int32Array;
  readonly seen: Int32Array | undefined;
  readonly judges: JudgesPerSlot | undefined;
  readonly source: MarkSource;
}

const IN_ORDER = 1;
const WIDE = 2;
const UNIFORM_PLACES = 4;

const MAX_ISSUES = 50;
/** Scales with at most this many marks are listed mark by mark (see `listed`). */
const MAX_LISTED = 4096;
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
  /**
   * Per aspect (by position), for scales of at most `MAX_LISTED` marks: every mark on the scale
   * as the number it is written as, lowest first, in `listed` from `listedFrom` (`listedCount`
   * of them; 0: not listed). A number is on the scale exactly when it is one of these, and the
   * k-th is the scaled integer low + k × stride, so reading a mark is a multiplication, a
   * comparison and no division. Used by the column filing.
   */
  private readonly listedFrom: Int32Array;
  private readonly listedCount: Int32Array;
  /** per aspect: marks per unit of value (1 ÷ step), to guess a mark's place in its list */
  private readonly listedPerStep: Float64Array;
  private listed = new Float64Array(0);

  constructor(private readonly compiled: CompiledRubric) {
    const count = compiled.aspects.length;
    this.quickUnit = new Float64Array(count);
    this.quickLow = new Float64Array(count);
    this.quickHigh = new Float64Array(count);
    this.quickStride = new Float64Array(count);
    this.quickPlaces = new Uint8Array(count);
    this.listedFrom = new Int32Array(count);
    this.listedCount = new Int32Array(count);
    this.listedPerStep = new Float64Array(count);
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
    const count = (high - low) / stride + 1;
    if (!Number.isInteger(count) || count > MAX_LISTED) return;
    // the same numbers `fileMarks` accepts: scaled / unit, for every scaled on the scale
    const from = this.listed.length;
    const listed = new Float64Array(from + count);
    listed.set(this.listed);
    for (let k = 0; k < count; k++) listed[from + k] = (low + k * stride) / unit;
    this.listed = listed;
    this.listedFrom[index] = from;
    this.listedCount[index] = count;
    this.listedPerStep[index] = unit / stride;
  }

  build(marks: EventMarks | ColumnarEventMarks): ScoreSheet {
    this.issues = [];
    this.checkRubricReference(marks);
    const positions = this.checkEntries(marks.entries);
    const book = isColumnar(marks)
      ? this.fileColumns(marks.entries, marks.marks)
      : this.fileMarks(marks.entries, marks.marks, ['marks']);
    const sheets: EntrySheet[] = marks.entries.map((entry, index) => ({
      entry,
      book,
      base: index * this.compiled.slotCount,
      parameters: NONE,
      absences: NONE,
      reviews: NONE,
    }));
    const byEntry = new SheetsById(positions, sheets);
    this.attachParameters(byEntry, marks.parameters ?? []);
    this.attachAbsences(byEntry, marks.absences ?? []);
    this.attachReviews(byEntry, marks.reviews ?? []);
    if (this.issues.length > 0) throw new InvalidMarksError(this.issues);
    return { entries: sheets, positions, byEntry };
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

  private checkRubricReference(marks: EventMarks | ColumnarEventMarks): void {
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

  /** Checks the entries; their positions by id (the last, for an id given twice). */
  private checkEntries(entries: readonly Entry[]): Map<string, number> {
    const seen = new Map<string, number>();
    this.duplicateEntries = false;
    const fields = new Set((this.compiled.rubric.fields ?? []).map((field) => field.id));
    entries.forEach((entry, index) => {
      if (seen.has(entry.id)) {
        this.report(['entries', index, 'id'], `duplicate entry "${entry.id}"`);
        this.duplicateEntries = true;
      }
      seen.set(entry.id, index);
      for (const field of Object.keys(entry.fields ?? {})) {
        if (!fields.has(field))
          this.report(
            ['entries', index, 'fields', field],
            'unknown field (declare it in the rubric\'s "fields")',
          );
      }
    });
    return seen;
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
    let uniformPlaces = true;
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
          : this.slotOf(aspect, mark.attempt, [...path, i, 'attempt']);
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
        // every mark of an aspect read with these decimals keeps its slot uniform
        if (reading.places !== (this.quickPlaces[aspectAt] as number)) uniformPlaces = false;
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
      source: objectSource(marks),
      ...groupByKey(marks.length, keys, scaled, places, counts, inOrder, wide),
      uniformPlaces,
    };
    if (judges.crowded) this.checkOneMarkPerJudge(book, path);
    return book;
  }

  /**
   * Files marks given as columns: the same checks and the same filing as `fileMarks`, reading
   * numbers from typed arrays instead of fields from objects. What can be worked out once per
   * column aspect (its slot, its scale) is, and with at most 30 judges each judge is one bit,
   * so a mark costs a few array reads and integer operations. Problems are reported at the
   * column and position, e.g. `marks.value[12]`.
   */
  private fileColumns(entries: readonly Entry[], columns: MarkColumns): MarkBook {
    const path = ['marks'];
    const count = columns.entry.length;
    for (const name of ['aspect', 'judge', 'attempt', 'value'] as const) {
      const column = columns[name];
      if (column !== undefined && column.length !== count)
        this.report([...path, name], `has ${column.length} values for ${count} marks`);
    }
    const judgeNames = columns.judges;
    const named = new Set<string>();
    judgeNames.forEach((judge, index) => {
      if (named.has(judge)) this.report([...path, 'judges', index], `duplicate judge "${judge}"`);
      named.add(judge);
    });
    if (this.issues.length > 0) throw new InvalidMarksError(this.issues);
    const slotsPerEntry = this.compiled.slotCount;
    const aspects = this.compiled.aspects;
    // Per column aspect: its position in the rubric's aspects (−1: not in the rubric), its slot
    // when a mark without an attempt goes straight there (−1 otherwise), its quick scale.
    const columnAspects = columns.aspects.length;
    const aspectAt = new Int32Array(columnAspects);
    const directSlot = new Int32Array(columnAspects);
    const unitOf = new Float64Array(columnAspects);
    const lowOf = new Float64Array(columnAspects);
    const highOf = new Float64Array(columnAspects);
    const strideOf = new Float64Array(columnAspects);
    const placesOf = new Uint8Array(columnAspects);
    const listedFrom = new Int32Array(columnAspects);
    const listedCount = new Int32Array(columnAspects);
    const listedFirst = new Float64Array(columnAspects);
    const listedPerStep = new Float64Array(columnAspects);
    const listed = this.listed;
    columns.aspects.forEach((id, given) => {
      const at = this.aspectIndex.get(id) ?? -1;
      aspectAt[given] = at;
      const aspect = aspects[at];
      directSlot[given] = aspect && !aspect.repeatedBy ? aspect.slot : -1;
      if (at < 0) return;
      unitOf[given] = this.quickUnit[at] as number;
      lowOf[given] = this.quickLow[at] as number;
      highOf[given] = this.quickHigh[at] as number;
      strideOf[given] = this.quickStride[at] as number;
      placesOf[given] = this.quickPlaces[at] as number;
      listedFrom[given] = this.listedFrom[at] as number;
      listedCount[given] = this.listedCount[at] as number;
      listedFirst[given] = listed[this.listedFrom[at] as number] ?? 0;
      listedPerStep[given] = this.listedPerStep[at] as number;
    });
    const { keys, scaled, places } = scratch.arrays(count);
    const counts = new Int32Array(entries.length * slotsPerEntry + 1);
    // bit 0: no judge; bit j + 1: judges[j]
    const bits = judgeNames.length <= 30;
    const seen = bits ? scratch.seen(entries.length * slotsPerEntry) : undefined;
    const judges = bits ? undefined : new JudgesPerSlot(entries.length * slotsPerEntry);
    const source = columnSource(entries, columns);
    const filed = this.fileColumnMarks({
      path,
      entries,
      columns,
      count,
      slotsPerEntry,
      aspects,
      columnAspects,
      aspectAt,
      directSlot,
      unitOf,
      lowOf,
      highOf,
      strideOf,
      placesOf,
      listedFrom,
      listedCount,
      listedFirst,
      listedPerStep,
      listed,
      keys,
      scaled,
      places,
      counts,
      seen,
      judges,
      source,
    });
    const book = {
      source,
      ...groupByKey(
        count,
        keys,
        scaled,
        places,
        counts,
        (filed & IN_ORDER) !== 0,
        (filed & WIDE) !== 0,
      ),
      uniformPlaces: (filed & UNIFORM_PLACES) !== 0,
    };
    if (judges?.crowded) this.checkOneMarkPerJudge(book, path);
    return book;
  }

  /**
   * The loop of `fileColumns`. V8 compiles a long loop while it first runs (on-stack
   * replacement); code after the loop that has never run by then leaves the compiled loop
   * without type feedback for it, and Node 20 then abandons that compiled code at the end of
   * every call and runs much of the next call's loop in the interpreter. So the loop is a method
   * of its own that ends with nothing but a choice among constants: `IN_ORDER` (1), `WIDE` (2)
   * and `UNIFORM_PLACES` (4) as bits.
   */
  private fileColumnMarks(filing: ColumnFiling): number {
    const {
      path,
      entries,
      columns,
      count,
      slotsPerEntry,
      aspects,
      columnAspects,
      aspectAt,
      directSlot,
      unitOf,
      lowOf,
      highOf,
      strideOf,
      placesOf,
      listedFrom,
      listedCount,
      listedFirst,
      listedPerStep,
      listed,
      keys,
      scaled,
      places,
      counts,
      seen,
      judges,
      source,
    } = filing;
    const { entry: entryColumn, aspect: aspectColumn, judge: judgeColumn, value } = columns;
    const attemptColumn = columns.attempt;
    const entryCount = entries.length;
    const judgeNames = columns.judges;
    const judgeCount = judgeNames.length;
    const reading: MarkReading = { scaled: 0, places: 0, problem: undefined };
    let inOrder = true;
    let lastKey = -1;
    let wide = false;
    let uniformPlaces = true;
    for (let i = 0; i < count; i++) {
      keys[i] = -1;
      const entry = entryColumn[i] as number;
      if (!(entry >= 0 && entry < entryCount)) {
        this.report([...path, 'entry', i], `no entry at position ${entry}`);
        continue;
      }
      const given = aspectColumn[i] as number;
      if (!(given >= 0 && given < columnAspects) || (aspectAt[given] as number) < 0) {
        const id = columns.aspects[given];
        this.report(
          [...path, 'aspect', i],
          id === undefined ? `no aspect at position ${given}` : `unknown aspect "${id}"`,
        );
        continue;
      }
      const judgeAt = judgeColumn[i] as number;
      if (!(judgeAt >= -1 && judgeAt < judgeCount)) {
        this.report([...path, 'judge', i], `no judge at position ${judgeAt}`);
        continue;
      }
      const attempt = attemptColumn === undefined ? 0 : (attemptColumn[i] as number);
      let slot = directSlot[given] as number;
      if (attempt !== 0 || slot < 0) {
        const aspect = aspects[aspectAt[given] as number] as CompiledNode;
        if (attempt < 0) {
          this.report([...path, 'attempt', i], 'must be 1 or more (0: no attempt)');
          continue;
        }
        const found = this.slotOf(aspect, attempt === 0 ? undefined : attempt, [
          ...path,
          'attempt',
          i,
        ]);
        if (found === undefined) continue;
        slot = found;
      }
      const mark = value[i] as number;
      const unit = unitOf[given] as number;
      const onList = listedCount[given] as number;
      let quick = NaN;
      if (onList !== 0) {
        // the k-th number on the scale, when the mark is exactly that number
        const k = Math.round(
          (mark - (listedFirst[given] as number)) * (listedPerStep[given] as number),
        );
        if (k >= 0 && k < onList && listed[(listedFrom[given] as number) + k] === mark) {
          const scaledValue = (lowOf[given] as number) + k * (strideOf[given] as number);
          quick = scaledValue === 0 ? 0 : scaledValue;
        }
      } else if (unit !== 0) {
        const scaledValue = Math.round(mark * unit);
        const low = lowOf[given] as number;
        if (
          scaledValue / unit === mark &&
          scaledValue >= low &&
          scaledValue <= (highOf[given] as number) &&
          remainder(scaledValue - low, strideOf[given] as number) === 0
        )
          quick = scaledValue === 0 ? 0 : scaledValue;
      }
      let markPlaces = placesOf[given] as number;
      if (Number.isNaN(quick)) {
        const aspect = aspects[aspectAt[given] as number] as CompiledNode;
        (this.readers[aspect.slot] as MarkReader)(mark, reading);
        if (reading.problem !== undefined) {
          this.report([...path, 'value', i], reading.problem);
          continue;
        }
        if (reading.places !== markPlaces) uniformPlaces = false;
        quick = reading.scaled;
        markPlaces = reading.places;
        // a mark read on a scale stays within 32 bits; any other may not
        if ((quick | 0) !== quick) wide = true;
      }
      const key = entry * slotsPerEntry + slot;
      let first: boolean;
      if (seen !== undefined) {
        const bit = 1 << (judgeAt + 1);
        const marked = seen[key] as number;
        first = (marked & bit) === 0;
        if (first) seen[key] = marked | bit;
      } else {
        first = (judges as JudgesPerSlot).add(
          key,
          judgeAt < 0 ? '' : (judgeNames[judgeAt] as string),
        );
      }
      if (!first) {
        this.reportSecondMark(source.mark(i), [...path, 'judge', i]);
        continue;
      }
      keys[i] = key;
      places[i] = markPlaces;
      scaled[i] = quick;
      counts[key + 1]++;
      if (key < lastKey) inOrder = false;
      lastKey = key;
    }
    // (conditions and literals only: no operation that needs type feedback, see above)
    if (inOrder) {
      if (wide) return uniformPlaces ? 7 : 3;
      return uniformPlaces ? 5 : 1;
    }
    if (wide) return uniformPlaces ? 6 : 2;
    return uniformPlaces ? 4 : 0;
  }

  /** The slow check, for events with more judges than `JudgesPerSlot` can track with bits. */
  private checkOneMarkPerJudge(book: MarkBook, path: readonly PropertyKey[]): void {
    for (let key = 0; key + 1 < book.start.length; key++) {
      for (let p = (book.start[key] as number) + 1; p < (book.start[key + 1] as number); p++) {
        const judge = book.source.judge(book.order[p] as number);
        for (let q = book.start[key] as number; q < p; q++) {
          if (book.source.judge(book.order[q] as number) !== judge) continue;
          this.reportSecondMark(book.source.mark(book.order[p] as number), [
            ...path,
            book.order[p] as number,
          ]);
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

  /**
   * The slot of an aspect's mark, or undefined (and an issue at `path`, the mark's attempt) when
   * the attempt does not fit.
   */
  private slotOf(
    aspect: CompiledNode,
    attempt: number | undefined,
    path: readonly PropertyKey[],
  ): number | undefined {
    const attempts = aspect.repeatedBy?.attempts;
    if (!attempts) {
      if (attempt === undefined) return aspect.slot;
      this.report(path, `aspect "${aspect.id}" has no attempts`);
      return undefined;
    }
    if (attempt === undefined) {
      this.report(
        path,
        `is required: "${aspect.id}" is marked in attempts (1 to ${attempts.count})`,
      );
      return undefined;
    }
    if (attempt > attempts.count) {
      this.report(path, `must be between 1 and ${attempts.count}`);
      return undefined;
    }
    return aspect.slot + attempt - 1;
  }

  private attachParameters(byEntry: SheetsById, rows: readonly ParameterValues[]): void {
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

  private attachAbsences(byEntry: SheetsById, rows: readonly Absence[]): void {
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

  private attachReviews(byEntry: SheetsById, rows: readonly Review[]): void {
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
  byEntry: SheetsById,
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
