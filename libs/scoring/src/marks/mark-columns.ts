import { InvalidMarksError } from '../errors';
import type { Entry, EventMarks, Mark } from './marks.schema';

/**
 * Marks as columns: one typed array per field instead of one object per mark, with entries,
 * aspects and judges given once and referred to by position. This is how a server holding an
 * event's marks in memory (or reading them from the database) hands 750,000 marks to the engine
 * without 750,000 objects: filing them is then a loop over a few arrays of numbers. The results
 * are the same as for the same marks given as objects (`EventMarks`), to the last decimal.
 *
 * Values are numbers, exactly as a `Mark`'s value given as a JavaScript number (7.5); a value
 * written as text ("7.50") has no column form.
 */
export interface MarkColumns {
  /** the aspect ids the `aspect` column refers to */
  readonly aspects: readonly string[];
  /** the judges the `judge` column refers to */
  readonly judges: readonly string[];
  /** per mark: the position of its entry in the event's `entries` */
  readonly entry: Int32Array;
  /** per mark: the position of its aspect in `aspects` */
  readonly aspect: Int32Array;
  /** per mark: the position of its judge in `judges`, or −1 for a mark recorded without a judge */
  readonly judge: Int32Array;
  /** per mark: its attempt (1, 2, …), or 0 for none; may be left out when no mark has one */
  readonly attempt?: Int32Array;
  /** per mark: its value */
  readonly value: Float64Array;
}

/** An event's marks with the marks as columns; everything else as in `EventMarks`. */
export interface ColumnarEventMarks extends Omit<EventMarks, 'marks'> {
  readonly marks: MarkColumns;
}

export function isColumnar(marks: EventMarks | ColumnarEventMarks): marks is ColumnarEventMarks {
  return !Array.isArray(marks.marks);
}

/**
 * The same marks as columns. Every value must be a number (a value written as text would lose
 * how it was written); an entry a mark names must be among `entries`.
 */
export function toMarkColumns(entries: readonly Entry[], marks: readonly Mark[]): MarkColumns {
  const entryAt = new Map(entries.map((entry, index) => [entry.id, index]));
  const aspects: string[] = [];
  const aspectAt = new Map<string, number>();
  const judges: string[] = [];
  const judgeAt = new Map<string, number>();
  const columns = {
    aspects,
    judges,
    entry: new Int32Array(marks.length),
    aspect: new Int32Array(marks.length),
    judge: new Int32Array(marks.length),
    attempt: new Int32Array(marks.length),
    value: new Float64Array(marks.length),
  };
  marks.forEach((mark, i) => {
    const entry = entryAt.get(mark.entry);
    if (entry === undefined)
      throw new InvalidMarksError([
        { path: `marks[${i}].entry`, message: `unknown entry "${mark.entry}"` },
      ]);
    if (typeof mark.value !== 'number')
      throw new InvalidMarksError([
        { path: `marks[${i}].value`, message: 'must be a number to be given as a column' },
      ]);
    let aspect = aspectAt.get(mark.aspect);
    if (aspect === undefined) {
      aspect = aspects.push(mark.aspect) - 1;
      aspectAt.set(mark.aspect, aspect);
    }
    let judge = -1;
    if (mark.judge !== undefined) {
      judge = judgeAt.get(mark.judge) ?? judges.push(mark.judge) - 1;
      judgeAt.set(mark.judge, judge);
    }
    columns.entry[i] = entry;
    columns.aspect[i] = aspect;
    columns.judge[i] = judge;
    columns.attempt[i] = mark.attempt ?? 0;
    columns.value[i] = mark.value;
  });
  return columns;
}

/**
 * The marks behind a score sheet, read one at a time where a mark itself is needed (an
 * explanation, a judge's name, a correction): objects as given, or made from the columns.
 */
export interface MarkSource {
  readonly length: number;
  mark(index: number): Mark;
  /** the mark's judge, '' when it has none */
  judge(index: number): string;
}

export function objectSource(marks: readonly Mark[]): MarkSource {
  return {
    length: marks.length,
    mark: (index) => marks[index] as Mark,
    judge: (index) => (marks[index] as Mark).judge ?? '',
  };
}

export function columnSource(entries: readonly Entry[], columns: MarkColumns): MarkSource {
  const judgeOf = (index: number): string => {
    const judge = columns.judge[index] as number;
    return judge < 0 ? '' : (columns.judges[judge] ?? '');
  };
  return {
    length: columns.entry.length,
    judge: judgeOf,
    mark: (index) => {
      const mark: { -readonly [K in keyof Mark]: Mark[K] } = {
        entry: entries[columns.entry[index] as number]?.id ?? '',
        aspect: columns.aspects[columns.aspect[index] as number] ?? '',
        value: columns.value[index] as number,
      };
      const attempt = columns.attempt?.[index] ?? 0;
      if (attempt !== 0) mark.attempt = attempt;
      if ((columns.judge[index] as number) >= 0) mark.judge = judgeOf(index);
      return mark;
    },
  };
}
