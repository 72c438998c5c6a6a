#!/usr/bin/env node
/**
 * jingsai-score: scores an event from a rubric file and a marks file and prints totals, places,
 * awards and the explanation of every figure.
 *
 *   npm run score -- --rubric rubric.json --marks marks.json [--format json|table] [--lang zh|en]
 *
 * Exit codes: 0 done; 2 bad input (arguments, unreadable file, invalid JSON, invalid rubric or
 * marks — each problem printed with the path of the field to fix); 1 anything else.
 */
import { readFileSync } from 'node:fs';
import { InvalidMarksError, InvalidRubricError, formatIssue } from './errors';
import { type EventResult, explainEntry, scoreEvent } from './event/event-scoring';
import type { ExplanationLine } from './explain/explain';
import type { Language } from './explain/phrases';
import { parseMarks, parseRubric } from './parse';
import type { GroupStandings, Standing } from './ranking/standings';
import type { Rubric } from './rubric/rubric.schema';

export interface CliOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

type Format = 'json' | 'table';

interface Options {
  readonly rubric: string;
  readonly marks: string;
  readonly format: Format;
  readonly language: Language;
}

const USAGE =
  'usage: jingsai-score --rubric <rubric.json> --marks <marks.json> [--format json|table] [--lang zh|en]';

/** An input problem: printed, exit code 2. */
class InputProblem extends Error {}

/** Runs the CLI; returns the exit code. */
export function runCli(args: readonly string[], output: CliOutput): number {
  try {
    const options = parseArguments(args);
    const rubric = readRubric(options.rubric);
    const marks = readJson(options.marks, 'marks');
    let result: EventResult;
    try {
      result = scoreEvent(rubric, parseMarks(marks));
    } catch (error) {
      if (error instanceof InvalidMarksError)
        throw new InputProblem(describe(`Invalid marks (${options.marks})`, error.issues));
      throw error;
    }
    output.out(
      options.format === 'json'
        ? toJson(rubric, result)
        : toTable(rubric, result, options.language),
    );
    return 0;
  } catch (error) {
    if (error instanceof InputProblem) {
      output.err(error.message);
      return 2;
    }
    output.err(
      `jingsai-score failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 1;
  }
}

function parseArguments(args: readonly string[]): Options {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] as string;
    if (flag === '--help' || flag === '-h') throw new InputProblem(USAGE);
    const [name, inline] = flag.split('=', 2) as [string, string | undefined];
    if (!['--rubric', '--marks', '--format', '--lang'].includes(name))
      throw new InputProblem(`unknown argument "${flag}"\n${USAGE}`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new InputProblem(`${name} needs a value\n${USAGE}`);
    values.set(name, value);
  }
  const rubric = values.get('--rubric');
  const marks = values.get('--marks');
  if (!rubric || !marks) throw new InputProblem(`--rubric and --marks are required\n${USAGE}`);
  const format = values.get('--format') ?? 'table';
  if (format !== 'json' && format !== 'table')
    throw new InputProblem(`--format must be json or table\n${USAGE}`);
  const language = values.get('--lang') ?? 'zh';
  if (language !== 'zh' && language !== 'en')
    throw new InputProblem(`--lang must be zh or en\n${USAGE}`);
  return { rubric, marks, format, language };
}

function readJson(file: string, what: 'rubric' | 'marks'): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new InputProblem(
      `cannot read the ${what} file ${file}: ${reason === 'ENOENT' ? 'no such file' : reason}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputProblem(
      `the ${what} file ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function readRubric(file: string): Rubric {
  try {
    return parseRubric(readJson(file, 'rubric'));
  } catch (error) {
    if (error instanceof InvalidRubricError)
      throw new InputProblem(describe(`Invalid rubric (${file})`, error.issues));
    throw error;
  }
}

function describe(title: string, issues: readonly { path: string; message: string }[]): string {
  return [`${title}:`, ...issues.map((issue) => `  ${formatIssue(issue)}`)].join('\n');
}

// ── output ──────────────────────────────────────────────────────────────────────────────────

function toJson(rubric: Rubric, result: EventResult): string {
  const standings = new Map<string, Standing>();
  for (const group of result.standings)
    for (const standing of group.standings) standings.set(standing.entry, standing);
  const entries = result.entries.map((entry) => {
    const zh = explainEntry(result, entry.entry.id, 'zh');
    const en = explainEntry(result, entry.entry.id, 'en');
    return {
      entry: entry.entry,
      total: entry.total,
      status: entry.status,
      standing: standings.get(entry.entry.id),
      explanation: zh.map((line, i) => ({
        node: line.node,
        attempt: line.attempt,
        depth: line.depth,
        value: line.value,
        status: line.status,
        marks: line.marks,
        name: { zh: line.name, en: en[i]?.name },
        text: { zh: line.text, en: en[i]?.text },
      })),
    };
  });
  return JSON.stringify(
    {
      rubric: { id: rubric.id, revision: rubric.revision, name: rubric.name },
      standings: result.standings,
      entries,
    },
    null,
    2,
  );
}

function toTable(rubric: Rubric, result: EventResult, language: Language): string {
  const lines: string[] = [`${rubric.name[language]} (${rubric.id} ${rubric.revision})`, ''];
  const byId = new Map(result.entries.map((entry) => [entry.entry.id, entry]));
  const tierNames = new Map(
    (rubric.awards?.tiers ?? []).map((tier) => [tier.id, tier.name[language]]),
  );
  for (const group of result.standings) {
    lines.push(...groupTable(group, byId, tierNames, language), '');
  }
  lines.push(language === 'zh' ? '计分说明' : 'Explanations', '');
  for (const entry of result.entries) {
    lines.push(`${entry.entry.id} ${entryName(entry.entry.name, language)}`.trim());
    for (const line of explainEntry(result, entry.entry.id, language))
      lines.push(explanationLine(line));
    lines.push('');
  }
  return lines.join('\n');
}

function groupTable(
  group: GroupStandings,
  byId: ReadonlyMap<string, EventResult['entries'][number]>,
  tierNames: ReadonlyMap<string, string>,
  language: Language,
): string[] {
  const title = Object.entries(group.group)
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ');
  const header =
    language === 'zh'
      ? ['名次', '选手', '姓名', '成绩', '状态', '奖项', '晋级']
      : ['Place', 'Entry', 'Name', 'Score', 'Status', 'Award', 'Advances'];
  const rows = group.standings.map((standing) => [
    standing.place === null
      ? (standing.participation ?? '—').toUpperCase()
      : String(standing.place),
    standing.entry,
    entryName(byId.get(standing.entry)?.entry.name, language),
    standing.value === null ? '—' : standing.value.toString(),
    standing.status,
    standing.award ? (tierNames.get(standing.award) ?? standing.award) : '',
    standing.advances ? '✓' : '',
  ]);
  return [...(title ? [title] : []), ...alignColumns([header, ...rows])];
}

function entryName(
  name: string | { zh: string; en: string } | undefined,
  language: Language,
): string {
  if (name === undefined) return '';
  return typeof name === 'string' ? name : name[language];
}

function explanationLine(line: ExplanationLine): string {
  const indent = '  '.repeat(line.depth + 1);
  const value = line.value ?? '—';
  const status = line.status === 'complete' ? '' : ` [${line.status}]`;
  return `${indent}${line.name} ${value}${status}${line.text ? ` — ${line.text}` : ''}`;
}

/** Pads columns to a common width (CJK characters count as two). */
function alignColumns(rows: readonly string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell)))
      .join('  ')
      .trimEnd(),
  );
}

function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        char,
      )
        ? 2
        : 1;
  return width;
}

if (require.main === module) {
  process.exitCode = runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}
