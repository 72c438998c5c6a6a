import type { ImportColumnKey } from '@jingsai/contracts';
import { withCheck } from '../../../../test/credit-codes';
import { residentId } from '../../../../test/people';
import type { CellValue, RawImportRow } from './import-file';
import { decodeCsv, matchHeaders, parseCsv, readImportFile } from './import-file';
import ExcelJS from 'exceljs';
import {
  type CandidateRow,
  checkRows,
  type EventFacts,
  type ImportFacts,
  nameKey,
  parseImportRow,
  resolveRow,
} from './import-rows';

const TODAY = '2026-11-21';

function raw(cells: Partial<Record<ImportColumnKey, CellValue>>, row = 2): RawImportRow {
  return {
    row,
    cells: {
      name: '王建国',
      documentType: '居民身份证',
      documentNumber: residentId('220102', '1990-03-07', 123),
      mobile: '13804311234',
      enterprise: '一汽',
      event: '数控车工',
      skillLevel: null,
      gender: null,
      birthDate: null,
      creditCode: null,
      ...cells,
    },
  };
}

describe('one import row on its own', () => {
  it('normalises full-width characters, stray spaces, lower-case x and numbers stored as numbers', () => {
    const id = residentId('110105', '1949-12-31', 2); // ends in X
    expect(id.endsWith('X')).toBe(true);
    const result = parseImportRow(
      raw({
        name: ' 李 秀 英 ',
        documentType: ' 身份证 ',
        documentNumber: `${id.slice(0, 6)} ${id.slice(6, 17)}x`.replace(/1/g, '１'),
        mobile: 13804311234,
        enterprise: '一汽　',
        skillLevel: '３级',
        gender: '女',
        birthDate: 18263, // Excel serial of 1949-12-31
      }),
      TODAY,
    );
    expect(result.issues).toEqual([]);
    expect(result.value).toMatchObject({
      name: '李秀英',
      documentType: 'resident_id',
      documentNumber: id,
      mobile: '13804311234',
      enterprise: '一汽',
      skillLevel: 3,
      gender: 'female',
      birthDate: '1949-12-31',
    });
  });

  it('derives birth date and gender from a resident ID when the row gives none', () => {
    const result = parseImportRow(raw({}), TODAY);
    expect(result.value).toMatchObject({ birthDate: '1990-03-07', gender: 'male' });
  });

  it('accepts a date cell and a date written as text', () => {
    expect(
      parseImportRow(raw({ birthDate: new Date(Date.UTC(1990, 2, 7)) }), TODAY).issues,
    ).toEqual([]);
    expect(parseImportRow(raw({ birthDate: '1990年3月7日' }), TODAY).issues).toEqual([]);
  });

  it('lists every problem of a row at once, each under its column header', () => {
    const result = parseImportRow(
      raw(
        {
          name: '王2',
          documentNumber: residentId('220102', '1990-03-07', 123).slice(0, 17) + '0',
          mobile: '1234',
          skillLevel: '特级',
          gender: '未知',
        },
        7,
      ),
      TODAY,
    );
    expect(result.value).toBeNull();
    expect(result.issues.map((issue) => [issue.row, issue.column])).toEqual([
      [7, '姓名'],
      [7, '证件号码'],
      [7, '手机号码'],
      [7, '技能等级'],
      [7, '性别'],
    ]);
    expect(result.issues[1]!.message['zh-CN']).toMatch(/校验位/);
  });

  it('explains an ID number that Excel turned into a number', () => {
    const result = parseImportRow(raw({ documentNumber: 220102199003071230 }), TODAY);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]!.message.en).toMatch(/scientific notation/);
  });

  it('checks the birth date and gender given against the ID number', () => {
    const result = parseImportRow(raw({ birthDate: '1990-03-08', gender: '女' }), TODAY);
    expect(result.issues.map((issue) => issue.column)).toEqual(['出生日期', '性别']);
  });

  it('reports empty required cells', () => {
    const result = parseImportRow(raw({ enterprise: ' ', event: null, documentType: '' }), TODAY);
    expect(result.issues.map((issue) => issue.column)).toEqual([
      '证件类型',
      '所在企业',
      '报名项目',
    ]);
  });
});

const turning: EventFacts = {
  id: 'e1',
  name: '数控车工',
  exclusive: false,
  capacity: null,
  quotaPerEnterprise: 2,
  quotaPerRegion: null,
  eligibility: {
    minAge: 18,
    maxAge: 50,
    ageReferenceDate: '2026-12-08',
    genderCategory: 'open',
    minSkillLevel: null,
    maxSkillLevel: null,
  },
};
const welding: EventFacts = {
  ...turning,
  id: 'e2',
  name: '焊工',
  exclusive: true,
  quotaPerEnterprise: null,
  eligibility: null,
  capacity: 1,
};

function facts(overrides: Partial<ImportFacts> = {}): ImportFacts {
  const faw = { id: 'o1', name: '一汽', region: '长春市' };
  const crrc = { id: 'o2', name: '中车长客', region: '长春市' };
  const events = new Map([
    [turning.id, turning],
    [welding.id, welding],
  ]);
  return {
    organiser: true,
    ownEnterprises: new Set(),
    enterprises: new Map([
      [faw.id, faw],
      [crrc.id, crrc],
    ]),
    enterprisesByName: new Map([
      [nameKey(faw.name), faw],
      [nameKey(crrc.name), crrc],
    ]),
    events,
    eventsByName: new Map([...events.values()].map((event) => [nameKey(event.name), event])),
    defaultReferenceDate: TODAY,
    persons: new Map(),
    activeEntries: new Map(),
    enterpriseCounts: new Map(),
    regionCounts: new Map(),
    takenCounts: new Map(),
    ...overrides,
  };
}

function candidate(row: number, overrides: Partial<CandidateRow> = {}): CandidateRow {
  return {
    row,
    name: `选手${String.fromCharCode(0x4e00 + row)}`,
    documentHash: `h${row}`,
    enterpriseId: 'o1',
    eventId: 'e1',
    skillLevel: 3,
    gender: 'male',
    birthDate: '1990-03-07',
    ...overrides,
  };
}

describe('import rows against the competition and the database', () => {
  it('resolves enterprise and event names loosely and refuses unknown ones', () => {
    expect(resolveRow({ row: 2, enterprise: '中车 长客', event: '焊工' }, facts())).toEqual({
      enterpriseId: 'o2',
      eventId: 'e2',
      issues: [],
    });
    const unknown = resolveRow({ row: 3, enterprise: '别的公司', event: '钳工' }, facts());
    expect(unknown.issues.map((issue) => issue.column)).toEqual(['所在企业', '报名项目']);
    const coordinator = resolveRow(
      { row: 4, enterprise: '中车长客', event: '焊工' },
      facts({ organiser: false, ownEnterprises: new Set(['o1']) }),
    );
    expect(coordinator.issues[0]!.message.en).toBe(
      'you can only enter workers of your own enterprise',
    );
  });

  it('matches the enterprise by the optional credit code first, checking the name against it', () => {
    const code = withCheck('91220101MA0000777');
    const byCode = facts({
      enterprisesByCode: new Map([[code, { id: 'o2', name: '中车长客', region: '长春市' }]]),
    });
    // The code decides even when the name column is empty or is a short name.
    const parsed = parseImportRow(raw({ enterprise: '', creditCode: code.toLowerCase() }), TODAY);
    expect(parsed.issues).toEqual([]);
    expect(resolveRow(parsed.names, byCode)).toMatchObject({ enterpriseId: 'o2', issues: [] });
    const mismatch = resolveRow(
      { row: 5, enterprise: '一汽', creditCode: code, event: '焊工' },
      byCode,
    );
    expect(mismatch.enterpriseId).toBeNull();
    expect(mismatch.issues[0]).toMatchObject({ row: 5, column: '所在企业' });
    const unknown = resolveRow(
      { row: 6, enterprise: '中车长客', creditCode: withCheck('91220101MA0000778'), event: '焊工' },
      byCode,
    );
    expect(unknown.enterpriseId).toBeNull();
    expect(unknown.issues[0]).toMatchObject({ row: 6, column: '统一社会信用代码' });
    // A bad check character is reported at the column, with the character expected.
    const bad = parseImportRow(
      raw({ creditCode: `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}` }),
      TODAY,
    );
    expect(bad.issues).toEqual([
      expect.objectContaining({
        column: '统一社会信用代码',
        message: expect.objectContaining({ en: expect.stringContaining(`should be ${code[17]}`) }),
      }),
    ]);
  });

  it('counts the enterprise quota across the database and earlier rows of the file', () => {
    const verdicts = checkRows(
      [candidate(2), candidate(3)],
      facts({ enterpriseCounts: new Map([['e1|o1', 1]]) }),
    );
    expect(verdicts.map((verdict) => verdict.outcome)).toEqual(['valid', 'invalid']);
    expect(verdicts[1]!.issues[0]!.message['zh-CN']).toContain('名额（2 人）已满');
  });

  it('reports both rows of a duplicate inside the file', () => {
    const verdicts = checkRows(
      [
        candidate(2, { documentHash: 'same', name: '赵敏' }),
        candidate(5, { documentHash: 'same', name: '赵敏' }),
      ],
      facts(),
    );
    expect(verdicts.map((verdict) => verdict.outcome)).toEqual(['valid', 'invalid']);
    expect(verdicts[1]!.issues[0]!.message.en).toMatch(/rows 2 and 5/);
    expect(verdicts[0]!.issues[0]).toMatchObject({ row: 2, severity: 'note' });
  });

  it('treats an active entry in the same event as already registered, not as an error', () => {
    const verdicts = checkRows(
      [candidate(2, { documentHash: 'known', name: '王建国' })],
      facts({
        persons: new Map([['known', { id: 'p1', name: '王建国', enterpriseId: 'o1' }]]),
        activeEntries: new Map([['p1', ['e1']]]),
      }),
    );
    expect(verdicts[0]).toMatchObject({ outcome: 'already_registered', waitlisted: false });
  });

  it('refuses a document registered under another name', () => {
    const verdicts = checkRows(
      [candidate(2, { documentHash: 'known', name: '王建军' })],
      facts({ persons: new Map([['known', { id: 'p1', name: '王建国', enterpriseId: 'o1' }]]) }),
    );
    expect(verdicts[0]!.outcome).toBe('invalid');
    expect(verdicts[0]!.issues[0]!.column).toBe('证件号码');
  });

  it('keeps exclusive events exclusive, also within the file', () => {
    const verdicts = checkRows(
      [
        candidate(2, { documentHash: 'x', eventId: 'e2', name: '李焊' }),
        candidate(3, { documentHash: 'x', eventId: 'e1', name: '李焊' }),
      ],
      facts(),
    );
    expect(verdicts[1]!.issues[0]!.message['zh-CN']).toContain('不能兼报');
  });

  it('applies eligibility with the event’s reference date', () => {
    const verdicts = checkRows([candidate(2, { birthDate: '2010-01-01' })], facts());
    expect(verdicts[0]!.issues[0]!.message['zh-CN']).toMatch(/截至 2026-12-08/);
  });

  it('waitlists past capacity with a note', () => {
    const verdicts = checkRows(
      [candidate(2, { eventId: 'e2' }), candidate(3, { eventId: 'e2' })],
      facts(),
    );
    expect(verdicts.map((verdict) => [verdict.outcome, verdict.waitlisted])).toEqual([
      ['valid', false],
      ['valid', true],
    ]);
    expect(verdicts[1]!.issues).toEqual([expect.objectContaining({ severity: 'note' })]);
  });
});

describe('reading the file', () => {
  it('matches headers in Chinese or English, ignoring spaces and width', () => {
    const columns = matchHeaders([
      ' 姓 名 ',
      'Document type',
      '证件号码',
      'ＭＯＢＩＬＥ',
      '所在企业',
      'event',
    ]);
    expect([...columns.values()]).toEqual([
      'name',
      'documentType',
      'documentNumber',
      'mobile',
      'enterprise',
      'event',
    ]);
    expect(() => matchHeaders(['姓名'])).toThrow();
  });

  it('parses quoted CSV fields and decodes GB18030', () => {
    expect(parseCsv('a,"b,c","d ""e"""\r\n1,2,3')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['1', '2', '3'],
    ]);
    expect(decodeCsv(Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]))).toBe('张三');
    expect(decodeCsv(Buffer.from('\ufeff张三'))).toBe('张三');
  });

  it('reads a large XLSX without breaking Chinese characters, with date cells and numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('报名表');
    sheet.addRow(['姓名', '证件类型', '证件号码', '手机号码', '所在企业', '报名项目', '出生日期']);
    const names: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const name = `欧阳${String.fromCharCode(0x4e00 + (i % 2000))}${String.fromCharCode(0x9000 + (i % 500))}`;
      names.push(name);
      sheet.addRow([
        name,
        '居民身份证',
        residentId('220102', '1990-03-07', i % 1000),
        13800000000 + i,
        `中国第一汽车集团有限公司第${i}分厂`,
        '数控车工',
        new Date(Date.UTC(1990, 2, 7)),
      ]);
    }
    const file = await readImportFile(Buffer.from(await workbook.xlsx.writeBuffer()), 'a.xlsx');
    expect(file.rows).toHaveLength(3000);
    expect(file.rows.map((row) => row.cells.name)).toEqual(names);
    expect(file.rows[2999]!.row).toBe(3001);
    expect(file.rows[5]!.cells.mobile).toBe(13800000005);
    expect(file.rows[5]!.cells.enterprise).toBe('中国第一汽车集团有限公司第5分厂');
    expect(parseImportRow(file.rows[5]!, TODAY).issues).toEqual([]);
  });
});
