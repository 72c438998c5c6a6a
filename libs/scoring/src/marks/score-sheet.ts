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
  /** per mark: its value × 10^places, an integer */
  readonly scaled: Float64Array;
  /** per mark: the decimal places of `scaled` */
  readonly places: Uint8Array;
  /** mark indices grouped by (entry, slot) */
  readonly order: Int32Array;
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
 * Which judges have marked each (entry, slot), as bits: one Map lookup per mark instead of
 * comparing names with every earlier mark of the slot. Beyond 31 distinct judges in an event the
 * bits run out; `crowded` then asks for the slow check.
 */
class JudgesPerSlot {
  private readonly bits = new Map<string, number>();
  private readonly seen: Int32Array;
  crowded = false;

  constructor(slots: number) {
    this.seen = new Int32Array(slots);
  }

  /** False when this judge already marked this slot. */
  add(key: number, judge: string): boolean {
    let bit = this.bits.get(judge);
    if (bit === undefined) {
      bit = this.bits.size < 31 ? 1 << this.bits.size : 0;
      this.bits.set(judge, bit);
    }
    if (bit === 0) {
      this.crowded = true;
      return true;
    }
    if (((this.seen[key] as number) & bit) !== 0) return false;
    this.seen[key] = (this.seen[key] as number) | bit;
    return true;
  }
}

/**
 * Counting sort: the indices of the marks grouped by key, in input order within a key.
 * `counts[key + 1]` holds each key's number of marks; keys of −1 are left out.
 */
function groupByKey(
  keys: Int32Array,
  counts: Int32Array,
): { order: Int32Array; start: Int32Array } {
  const start = counts;
  for (let k = 1; k < start.length; k++) start[k] = (start[k] as number) + (start[k - 1] as number);
  const order = new Int32Array(start[start.length - 1] as number);
  const next = start.slice(0, start.length - 1);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    if (key >= 0) order[next[key]++] = i;
  }
  return { order, start };
}

const MAX_ISSUES = 50;
const NONE: readonly never[] = [];

export class ScoreSheetBuilder {
  private issues: InputIssue[] = [];
  /** per aspect (by its first slot): how its marks are checked and read */
  private readonly readers: MarkReader[] = [];

  constructor(private readonly compiled: CompiledRubric) {
    for (const aspect of compiled.aspects)
      this.readers[aspect.slot] = markReader(aspect.kind as CompiledKind);
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
    const fields = new Set((this.compiled.rubric.fields ?? []).map((field) => field.id));
    entries.forEach((entry, index) => {
      if (seen.has(entry.id))
        this.report(['entries', index, 'id'], `duplicate entry "${entry.id}"`);
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
    const entryIndex = new Map(entries.map((entry, index) => [entry.id, index]));
    const keys = new Int32Array(marks.length);
    const scaled = new Float64Array(marks.length);
    const places = new Uint8Array(marks.length);
    const counts = new Int32Array(entries.length * slotsPerEntry + 1);
    const judges = new JudgesPerSlot(entries.length * slotsPerEntry);
    const reading: MarkReading = { scaled: 0, places: 0, problem: undefined };
    // Marks usually come grouped by entry and aspect, so the last lookups are usually reused.
    let lastEntry: string | undefined;
    let entry = -1;
    let lastAspect: string | undefined;
    let aspect: CompiledNode | undefined;
    for (let i = 0; i < marks.length; i++) {
      const mark = marks[i] as Mark;
      keys[i] = -1;
      if (mark.entry !== lastEntry) {
        lastEntry = mark.entry;
        entry = entryIndex.get(mark.entry) ?? -1;
      }
      if (mark.aspect !== lastAspect) {
        lastAspect = mark.aspect;
        aspect = this.compiled.nodes.get(mark.aspect);
      }
      if (entry < 0) {
        this.report([...path, i, 'entry'], `unknown entry "${mark.entry}"`);
        continue;
      }
      if (!aspect || aspect.level !== 'aspect') {
        this.report([...path, i, 'aspect'], `unknown aspect "${mark.aspect}"`);
        continue;
      }
      const slot =
        mark.attempt === undefined && !aspect.repeatedBy
          ? aspect.slot
          : this.slotOf(aspect, mark.attempt, [...path, i]);
      if (slot === undefined) continue;
      (this.readers[aspect.slot] as MarkReader)(mark.value, reading);
      if (reading.problem !== undefined) {
        this.report([...path, i, 'value'], reading.problem);
        continue;
      }
      const key = entry * slotsPerEntry + slot;
      if (!judges.add(key, mark.judge ?? '')) {
        this.reportSecondMark(mark, [...path, i]);
        continue;
      }
      keys[i] = key;
      places[i] = reading.places;
      scaled[i] = reading.scaled;
      counts[key + 1]++;
    }
    const book = { marks, scaled, places, ...groupByKey(keys, counts) };
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
