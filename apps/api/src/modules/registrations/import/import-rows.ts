import {
  type Bilingual,
  chinaToday,
  checkEligibility,
  checkIdAgainst,
  type DocumentType,
  type Gender,
  IMPORT_COLUMNS,
  type ImportColumnKey,
  type ImportRowIssue,
  normaliseCode,
  normaliseText,
  parseDocument,
  parseDocumentType,
  parseExcelDate,
  parseGender,
  parseCreditCode,
  parseMobile,
  parseName,
  parseSkillLevel,
  ruleError,
  type RuleError,
  type SkillLevel,
} from '@jingsai/contracts';
import type { CellValue, RawImportRow } from './import-file';

/*
 * The rules for import rows, as pure functions over preloaded facts so 50,000 rows cost a few
 * map lookups each: first each row on its own (parseImportRow), then every row against the
 * competition and the database and the rows above it (checkRows). These are the same rules as
 * RegistrationsService.enter() applies to one entry, made set-based.
 */

const HEADER: Readonly<Record<ImportColumnKey, string>> = Object.fromEntries(
  IMPORT_COLUMNS.map((column) => [column.key, column.header]),
) as Record<ImportColumnKey, string>;

const issueAt = (
  row: number,
  column: ImportColumnKey | null,
  message: Bilingual,
  severity: 'error' | 'note' = 'error',
): ImportRowIssue => ({
  row,
  column: column ? HEADER[column] : null,
  message,
  severity,
});
const both = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, en });

/** One row's values after normalisation, before anything is looked up. */
export interface ParsedImportRow {
  row: number;
  name: string;
  documentType: DocumentType;
  documentNumber: string;
  mobile: string;
  enterprise: string;
  /** 统一社会信用代码 of the enterprise, normalised, when the optional column is filled. */
  creditCode: string | null;
  event: string;
  skillLevel: SkillLevel | null;
  /** Given in the row or, for resident IDs, derived from the number. */
  gender: Gender | null;
  birthDate: string | null;
}

export interface ParsedRowResult {
  /** null when some field could not be read; the issues say why. */
  value: ParsedImportRow | null;
  /** The enterprise and event as written (normalised), to look up even when other fields failed. */
  names: Pick<ParsedImportRow, 'row' | 'enterprise' | 'creditCode' | 'event'>;
  issues: ImportRowIssue[];
}

/** A cell as text: numbers stored as numbers become their digits, dates their ISO day. */
function text(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return value.toISOString().slice(0, 10);
}

/**
 * A document number from a cell. Excel keeps numbers to 15 significant digits, so an 18-digit ID
 * typed into a number cell has already lost its last digits: say so instead of guessing.
 */
function documentText(
  value: CellValue,
): { ok: true; value: string } | { ok: false; error: RuleError } {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return { ok: true, value: String(value) };
    return {
      ok: false,
      error: ruleError('resident_id.scientific_notation', {
        value: value.toExponential().toUpperCase(),
      }),
    };
  }
  return { ok: true, value: text(value) };
}

function birthDateOf(
  value: CellValue,
  today: string,
): { ok: true; value: string } | { ok: false; error: RuleError } {
  const date = parseExcelDate(value ?? '');
  if (!date.ok) return date;
  if (date.value < '1900-01-01')
    return { ok: false, error: ruleError('birth_date.before_1900', { birthDate: date.value }) };
  if (date.value > today)
    return { ok: false, error: ruleError('birth_date.future', { birthDate: date.value, today }) };
  return date;
}

/** Reads and normalises one row on its own; lists every problem at once. */
export function parseImportRow(raw: RawImportRow, today: string = chinaToday()): ParsedRowResult {
  const { row, cells } = raw;
  const issues: ImportRowIssue[] = [];
  const fail = (column: ImportColumnKey, error: RuleError) =>
    issues.push(issueAt(row, column, error.message));

  const name = parseName(text(cells.name));
  if (!name.ok) fail('name', name.error);

  const typeText = normaliseText(text(cells.documentType));
  const documentType = typeText === '' ? null : parseDocumentType(typeText);
  if (documentType === null) {
    issues.push(issueAt(row, 'documentType', both('证件类型为空', 'Document type is empty')));
  } else if (!documentType.ok) fail('documentType', documentType.error);

  let document: ReturnType<typeof parseDocument> | null = null;
  const number = documentText(cells.documentNumber);
  if (!number.ok) fail('documentNumber', number.error);
  else if (documentType?.ok) {
    document = parseDocument(documentType.value, number.value, { today });
    if (!document.ok) fail('documentNumber', document.error);
  }

  const mobile = parseMobile(text(cells.mobile));
  if (!mobile.ok) fail('mobile', mobile.error);

  const enterprise = normaliseText(text(cells.enterprise));
  const codeText = normaliseText(text(cells.creditCode));
  let creditCode: string | null = null;
  if (codeText !== '') {
    const code = parseCreditCode(codeText);
    if (code.ok) creditCode = code.value.code;
    else fail('creditCode', code.error);
  }
  if (enterprise === '' && codeText === '')
    issues.push(issueAt(row, 'enterprise', both('所在企业为空', 'Enterprise is empty')));
  const event = normaliseText(text(cells.event));
  if (event === '') issues.push(issueAt(row, 'event', both('报名项目为空', 'Event is empty')));

  let skillLevel: SkillLevel | null = null;
  const skillCell = cells.skillLevel;
  if (skillCell !== null && !(typeof skillCell === 'string' && normaliseText(skillCell) === '')) {
    const level = parseSkillLevel(skillCell instanceof Date ? text(skillCell) : skillCell);
    if (level.ok) skillLevel = level.value;
    else fail('skillLevel', level.error);
  }

  let gender: Gender | undefined;
  const genderText = normaliseText(text(cells.gender));
  if (genderText !== '') {
    const parsed = parseGender(genderText);
    if (parsed.ok) gender = parsed.value;
    else fail('gender', parsed.error);
  }

  let birthDate: string | undefined;
  const birthCell = cells.birthDate;
  if (birthCell !== null && !(typeof birthCell === 'string' && normaliseText(birthCell) === '')) {
    const parsed = birthDateOf(birthCell, today);
    if (parsed.ok) birthDate = parsed.value;
    else fail('birthDate', parsed.error);
  }

  if (document?.ok && document.value.type === 'resident_id') {
    const id = document.value;
    for (const mismatch of checkIdAgainst(
      { birthDate: id.birthDate, gender: id.gender },
      { birthDate, gender },
    )) {
      fail(mismatch.code === 'resident_id.gender_mismatch' ? 'gender' : 'birthDate', mismatch);
    }
    birthDate ??= id.birthDate;
    gender ??= id.gender;
  }

  const names = { row, enterprise, creditCode, event };
  if (issues.length > 0 || !name.ok || !document?.ok || !mobile.ok) {
    return { value: null, names, issues };
  }
  return {
    names,
    value: {
      row,
      name: name.value,
      documentType: document.value.type,
      documentNumber: document.value.number,
      mobile: mobile.value,
      enterprise,
      creditCode,
      event,
      skillLevel,
      gender: gender ?? null,
      birthDate: birthDate ?? null,
    },
    issues,
  };
}

// ── against the competition and the database ──────────────────────────────────

export interface EventFacts {
  id: string;
  name: string;
  exclusive: boolean;
  capacity: number | null;
  quotaPerEnterprise: number | null;
  quotaPerRegion: number | null;
  eligibility: {
    minAge: number | null;
    maxAge: number | null;
    ageReferenceDate: string | null;
    genderCategory: 'open' | 'male' | 'female';
    minSkillLevel: number | null;
    maxSkillLevel: number | null;
  } | null;
}

export interface EnterpriseFacts {
  id: string;
  name: string;
  region: string | null;
  creditCode?: string | null;
}

export interface PersonFacts {
  id: string;
  name: string;
  enterpriseId: string | null;
}

/** What the rows are checked against, loaded in a few queries before the rows are looked at. */
export interface ImportFacts {
  /** Organisers may enter any enterprise under the competition's union; coordinators their own. */
  organiser: boolean;
  /** Enterprises this caller may enter (coordinators); ignored for organisers. */
  ownEnterprises: ReadonlySet<string>;
  /** Enterprises under the competition's organiser, by id. */
  enterprises: ReadonlyMap<string, EnterpriseFacts>;
  /** Same enterprises by normalised name. */
  enterprisesByName: ReadonlyMap<string, EnterpriseFacts>;
  /** Same enterprises by 统一社会信用代码 (those that have one). */
  enterprisesByCode?: ReadonlyMap<string, EnterpriseFacts>;
  events: ReadonlyMap<string, EventFacts>;
  eventsByName: ReadonlyMap<string, EventFacts>;
  /** Reference date for ages when the event sets none: the competition's first day, or today. */
  defaultReferenceDate: string;
  /** Existing people among the file's documents, by lookup hash. */
  persons: ReadonlyMap<string, PersonFacts>;
  /** Their active (submitted/approved/waitlisted) entries in this competition: person → event ids. */
  activeEntries: ReadonlyMap<string, readonly string[]>;
  /** Active entries per `${eventId}|${enterpriseId}`. */
  enterpriseCounts: ReadonlyMap<string, number>;
  /** Active entries per `${eventId}|${region}`. */
  regionCounts: ReadonlyMap<string, number>;
  /** Submitted + approved entries per event (what capacity counts). */
  takenCounts: ReadonlyMap<string, number>;
}

/** A row ready for the rules: ids resolved, document reduced to its lookup hash. */
export interface CandidateRow {
  row: number;
  name: string;
  documentHash: string;
  enterpriseId: string;
  eventId: string;
  skillLevel: number | null;
  gender: Gender | null;
  birthDate: string | null;
}

export type RowOutcome = 'valid' | 'already_registered' | 'invalid';

export interface RowVerdict {
  outcome: RowOutcome;
  /** Past the event's capacity: imported as waitlisted. */
  waitlisted: boolean;
  issues: ImportRowIssue[];
}

const CREDIT_CODE_SHAPE = /^[0-9A-Z]{18}$/;

/**
 * Enterprise and event names → ids. Returns the ids, or the issues (unknown enterprise or event,
 * an enterprise the coordinator may not enter).
 */
export function resolveRow(
  row: Pick<ParsedImportRow, 'row' | 'enterprise' | 'event'> &
    Partial<Pick<ParsedImportRow, 'creditCode'>>,
  facts: Pick<
    ImportFacts,
    'organiser' | 'ownEnterprises' | 'enterprisesByName' | 'enterprisesByCode' | 'eventsByName'
  >,
): { enterpriseId: string | null; eventId: string | null; issues: ImportRowIssue[] } {
  const issues: ImportRowIssue[] = [];
  const byCode = facts.enterprisesByCode ?? new Map<string, EnterpriseFacts>();
  const codeInCell = normaliseCode(row.enterprise);
  let enterprise: EnterpriseFacts | undefined;
  if (row.creditCode) {
    // The code column decides; the name is only checked against it.
    enterprise = byCode.get(row.creditCode);
    if (!enterprise) {
      issues.push(
        issueAt(
          row.row,
          'creditCode',
          both(
            `没有统一社会信用代码为“${row.creditCode}”的参赛企业（见模板“项目与企业”工作表）`,
            `No entering enterprise has the credit code "${row.creditCode}" (see the sheet 项目与企业 in the template)`,
          ),
        ),
      );
    } else if (row.enterprise !== '' && nameKey(row.enterprise) !== nameKey(enterprise.name)) {
      issues.push(
        issueAt(
          row.row,
          'enterprise',
          both(
            `所在企业“${row.enterprise}”与统一社会信用代码对应的“${enterprise.name}”不一致，请核对`,
            `The enterprise "${row.enterprise}" does not match "${enterprise.name}", which holds this credit code; check both`,
          ),
        ),
      );
    }
  } else {
    enterprise =
      facts.enterprisesByName.get(nameKey(row.enterprise)) ??
      (CREDIT_CODE_SHAPE.test(codeInCell) ? byCode.get(codeInCell) : undefined);
  }
  if (row.enterprise === '' && !row.creditCode) {
    // Already reported as empty.
  } else if (!enterprise) {
    if (!row.creditCode)
      issues.push(
        issueAt(
          row.row,
          'enterprise',
          CREDIT_CODE_SHAPE.test(codeInCell)
            ? both(
                `没有统一社会信用代码为“${row.enterprise}”的参赛企业，请填写企业全称（见模板“项目与企业”工作表）`,
                `No entering enterprise has the credit code "${row.enterprise}"; write the enterprise's full name (see the sheet 项目与企业 in the template)`,
              )
            : both(
                `“${row.enterprise}”不是本竞赛的参赛企业，请按模板“项目与企业”工作表填写企业全称`,
                `"${row.enterprise}" is not an enterprise that can enter this competition; use a name from the sheet 项目与企业 in the template`,
              ),
        ),
      );
  } else if (!facts.organiser && !facts.ownEnterprises.has(enterprise.id)) {
    issues.push(
      issueAt(
        row.row,
        'enterprise',
        both('只能为本企业职工报名', 'you can only enter workers of your own enterprise'),
      ),
    );
  }
  const event = facts.eventsByName.get(nameKey(row.event));
  if (!event && row.event !== '') {
    issues.push(
      issueAt(
        row.row,
        'event',
        both(
          `本竞赛没有“${row.event}”这个项目，请按模板“项目与企业”工作表填写`,
          `This competition has no event "${row.event}"; use a name from the sheet 项目与企业 in the template`,
        ),
      ),
    );
  }
  return {
    enterpriseId: issues.some(
      (issue) => issue.column === HEADER.enterprise || issue.column === HEADER.creditCode,
    )
      ? null
      : (enterprise?.id ?? null),
    eventId: event?.id ?? null,
    issues,
  };
}

/** How names are compared: normalised, without any spaces, case-insensitive. */
export function nameKey(name: string): string {
  return normaliseText(name).replace(/ /g, '').toLowerCase();
}

const ACTIVE_LIMIT_NOTE = both(
  '项目名额已满，该行将列入候补',
  'The event is full: this entry will be waitlisted',
);

/**
 * Every row against the facts and the rows above it, in file order: the person's name and
 * enterprise on record, eligibility, entries already made (in the database and earlier in the
 * file), exclusivity, quotas per enterprise and per region, capacity. Rows already registered
 * for the event are `already_registered` (valid, skipped at commit).
 */
export function checkRows(rows: readonly CandidateRow[], facts: ImportFacts): RowVerdict[] {
  const enterpriseCounts = new Map(facts.enterpriseCounts);
  const regionCounts = new Map(facts.regionCounts);
  const takenCounts = new Map(facts.takenCounts);
  /** Earlier rows accepted from this file, per document: event → row number. */
  const fileEntries = new Map<string, Map<string, number>>();
  const fileNames = new Map<string, { name: string; row: number }>();
  /** Every row so far, valid or not, per `${documentHash}|${eventId}`: for duplicates. */
  const pairs = new Map<string, number>();
  const verdicts: RowVerdict[] = [];
  const firstRowNotes = new Map<number, ImportRowIssue[]>();

  for (const row of rows) {
    const issues: ImportRowIssue[] = [];
    const error = (column: ImportColumnKey | null, message: Bilingual) =>
      issues.push(issueAt(row.row, column, message));
    const event = facts.events.get(row.eventId);
    const enterprise = facts.enterprises.get(row.enterpriseId);
    if (!event || !enterprise) {
      // Only at commit: the event was deleted or the enterprise moved since validation.
      error(
        event ? 'enterprise' : 'event',
        both(
          '该企业或项目已不属于本竞赛',
          'the enterprise or event no longer belongs to this competition',
        ),
      );
      verdicts.push({ outcome: 'invalid', waitlisted: false, issues });
      continue;
    }
    const person = facts.persons.get(row.documentHash);

    if (person && person.name !== row.name) {
      error(
        'documentNumber',
        both(
          `该证件号已登记为另一姓名，请核对或联系组织者`,
          'this document is registered under another name; check it or contact the organiser',
        ),
      );
    } else if (!facts.organiser && person?.enterpriseId && person.enterpriseId !== enterprise.id) {
      error(
        'enterprise',
        both(
          '该职工已登记在其他企业，请联系组织者变更',
          'this worker is registered with another enterprise; ask the organiser to move them',
        ),
      );
    }
    const earlierName = fileNames.get(row.documentHash);
    if (earlierName && earlierName.name !== row.name) {
      error(
        'name',
        both(
          `与第 ${earlierName.row} 行证件号码相同但姓名不同（“${earlierName.name}”）`,
          `same document as row ${earlierName.row} but a different name ("${earlierName.name}")`,
        ),
      );
    }

    const eligibility = event.eligibility;
    if (row.birthDate && row.gender) {
      const referenceDate = eligibility?.ageReferenceDate ?? facts.defaultReferenceDate;
      for (const problem of checkEligibility(
        {
          birthDate: row.birthDate,
          gender: row.gender,
          skillLevel: row.skillLevel as SkillLevel | null,
        },
        { ...eligibility, referenceDate, genderCategory: eligibility?.genderCategory ?? 'open' },
      )) {
        error(null, problem.message);
      }
    } else if (
      eligibility &&
      (eligibility.minAge !== null ||
        eligibility.maxAge !== null ||
        eligibility.genderCategory !== 'open')
    ) {
      error(
        'birthDate',
        both(
          '该项目有年龄或性别要求，请填写出生日期和性别',
          'this event has age or gender rules: give the birth date and gender',
        ),
      );
    }

    const existing = person ? (facts.activeEntries.get(person.id) ?? []) : [];
    const inFile = fileEntries.get(row.documentHash);
    const pairKey = `${row.documentHash}|${event.id}`;
    const duplicateOf = pairs.get(pairKey);
    if (duplicateOf === undefined) pairs.set(pairKey, row.row);
    const alreadyRegistered = existing.includes(event.id);
    if (duplicateOf !== undefined) {
      error(
        null,
        both(
          `与第 ${duplicateOf} 行重复：同一证件号码报名同一项目（第 ${duplicateOf} 行和第 ${row.row} 行）`,
          `duplicate of row ${duplicateOf}: the same document enters the same event (rows ${duplicateOf} and ${row.row})`,
        ),
      );
      const notes = firstRowNotes.get(duplicateOf) ?? [];
      notes.push(
        issueAt(
          duplicateOf,
          null,
          both(
            `第 ${row.row} 行与本行重复（同一证件号码、同一项目），只导入本行`,
            `row ${row.row} repeats this row (same document and event); only this row is imported`,
          ),
          'note',
        ),
      );
      firstRowNotes.set(duplicateOf, notes);
    } else if (!alreadyRegistered) {
      const otherEvents = [
        ...existing.filter((id) => id !== event.id),
        ...(inFile ? [...inFile.keys()] : []),
      ];
      const exclusiveClash = otherEvents.find(
        (id) => event.exclusive || facts.events.get(id)?.exclusive,
      );
      if (exclusiveClash !== undefined) {
        const other = facts.events.get(exclusiveClash)?.name ?? '';
        error(
          null,
          both(
            `该选手已报名“${other}”，不能兼报`,
            `already entered in "${other}"; entering more than one event is not allowed here`,
          ),
        );
      }
    }

    const counting = !alreadyRegistered && duplicateOf === undefined;
    const enterpriseKey = `${event.id}|${enterprise.id}`;
    if (counting && event.quotaPerEnterprise !== null) {
      if ((enterpriseCounts.get(enterpriseKey) ?? 0) >= event.quotaPerEnterprise) {
        error(
          null,
          both(
            `本企业在该项目的名额（${event.quotaPerEnterprise} 人）已满`,
            `the enterprise's quota for this event (${event.quotaPerEnterprise}) is used up`,
          ),
        );
      }
    }
    const regionKey = enterprise.region ? `${event.id}|${enterprise.region}` : null;
    if (counting && regionKey && event.quotaPerRegion !== null) {
      if ((regionCounts.get(regionKey) ?? 0) >= event.quotaPerRegion) {
        error(
          null,
          both(
            `${enterprise.region}在该项目的名额（${event.quotaPerRegion} 人）已满`,
            `the region's quota for this event (${event.quotaPerRegion}) is used up`,
          ),
        );
      }
    }

    let waitlisted = false;
    let outcome: RowOutcome;
    if (issues.length > 0) outcome = 'invalid';
    else if (alreadyRegistered) {
      outcome = 'already_registered';
      issues.push(
        issueAt(
          row.row,
          null,
          both('该选手已报名此项目，导入时跳过', 'already entered in this event: skipped'),
          'note',
        ),
      );
    } else {
      outcome = 'valid';
      enterpriseCounts.set(enterpriseKey, (enterpriseCounts.get(enterpriseKey) ?? 0) + 1);
      if (regionKey) regionCounts.set(regionKey, (regionCounts.get(regionKey) ?? 0) + 1);
      const taken = takenCounts.get(event.id) ?? 0;
      if (event.capacity !== null && taken >= event.capacity) {
        waitlisted = true;
        issues.push(issueAt(row.row, null, ACTIVE_LIMIT_NOTE, 'note'));
      } else takenCounts.set(event.id, taken + 1);
    }
    if (outcome !== 'invalid') {
      const entries = inFile ?? new Map<string, number>();
      if (!entries.has(event.id)) entries.set(event.id, row.row);
      fileEntries.set(row.documentHash, entries);
      if (!fileNames.has(row.documentHash))
        fileNames.set(row.documentHash, { name: row.name, row: row.row });
    }
    verdicts.push({ outcome, waitlisted, issues });
  }

  rows.forEach((row, index) => {
    const notes = firstRowNotes.get(row.row);
    if (notes) verdicts[index]!.issues.push(...notes);
  });
  return verdicts;
}
