import type { OrganisationImportColumnKey } from '@jingsai/contracts';
import { enterpriseCreditCode } from '../../../test/credit-codes';
import {
  type ExistingOrganisation,
  type OrganisationImportInputRow,
  parseOrganisationKind,
  planOrganisationImport,
} from './organisation-import-rows';

const PROVINCE = 'p0000000-0000-4000-8000-000000000000';
const CITY = 'c0000000-0000-4000-8000-000000000000';
const OTHER_CITY = 'c1111111-0000-4000-8000-000000000000';

const existing: ExistingOrganisation[] = [
  {
    id: PROVINCE,
    name: '吉林省总工会',
    kind: 'province',
    parentId: null,
    creditCode: null,
    region: null,
    industry: null,
  },
  {
    id: CITY,
    name: '长春市总工会',
    kind: 'city',
    parentId: PROVINCE,
    creditCode: null,
    region: null,
    industry: null,
  },
  {
    id: OTHER_CITY,
    name: '朝阳区总工会',
    kind: 'county',
    parentId: CITY,
    creditCode: null,
    region: null,
    industry: null,
  },
];

let rowNumber = 1;
function row(
  cells: Partial<Record<OrganisationImportColumnKey, string>>,
): OrganisationImportInputRow {
  rowNumber += 1;
  return {
    row: rowNumber,
    cells: { name: '', kind: '', parent: '', creditCode: '', region: '', industry: '', ...cells },
  };
}

const admin = { admin: true, organiserSubtree: new Set<string>() };
const cityOrganiser = { admin: false, organiserSubtree: new Set([CITY, OTHER_CITY]) };

describe('organisation import rows', () => {
  beforeEach(() => {
    rowNumber = 1;
  });

  it('reads the kind however a union writes it', () => {
    expect(parseOrganisationKind('省级工会')).toBe('province');
    expect(parseOrganisationKind('市 总工会')).toBe('city');
    expect(parseOrganisationKind('县（区）级工会')).toBe('county');
    expect(parseOrganisationKind('区')).toBe('county');
    expect(parseOrganisationKind('ENTERPRISE')).toBe('enterprise');
    expect(parseOrganisationKind('协会')).toBeNull();
  });

  it('orders parents before children even when the file lists them the other way round', () => {
    const code = enterpriseCreditCode();
    const plan = planOrganisationImport(
      [
        row({ name: '绿园某企业', kind: '企业', parent: '绿园区总工会', creditCode: code }),
        row({ name: '绿园区总工会', kind: '区', parent: '长春市总工会' }),
      ],
      existing,
      cityOrganiser,
    );
    expect(plan.issues).toEqual([]);
    expect(plan.planned.map((entry) => [entry.name, entry.action, entry.parent])).toEqual([
      ['绿园区总工会', 'create', { existingId: CITY }],
      ['绿园某企业', 'create', { row: 3 }],
    ]);
  });

  it('refuses loops, ambiguous parents and a union over the caller’s head', () => {
    const twins: ExistingOrganisation[] = [
      ...existing,
      { ...existing[2]!, id: 'd2222222-0000-4000-8000-000000000000', parentId: PROVINCE },
    ];
    const plan = planOrganisationImport(
      [
        row({ name: '甲区', kind: '区', parent: '乙区' }),
        row({ name: '乙区', kind: '区', parent: '甲区' }),
        row({
          name: '某企业',
          kind: '企业',
          parent: '朝阳区总工会',
          creditCode: enterpriseCreditCode(),
        }),
        row({ name: '新省', kind: '省级工会', parent: '' }),
      ],
      twins,
      cityOrganiser,
    );
    const messages = (r: number) =>
      plan.issues.filter((entry) => entry.row === r).map((entry) => entry.message.en);
    expect(messages(2).join()).toMatch(/loop/);
    expect(messages(3).join()).toMatch(/loop/);
    expect(messages(4)).toEqual([
      `2 organisations are called "朝阳区总工会"; write the parent's credit code instead`,
    ]);
    expect(messages(5)).toEqual(['Only a platform admin can add a province union']);
    expect(plan.planned).toEqual([]);
  });

  it('matches stored organisations by credit code, else by name under the same parent', () => {
    const code = enterpriseCreditCode();
    const stored: ExistingOrganisation[] = [
      ...existing,
      {
        id: 'e0000000-0000-4000-8000-000000000000',
        name: '一汽',
        kind: 'enterprise',
        parentId: CITY,
        creditCode: code,
        region: null,
        industry: null,
      },
    ];
    const plan = planOrganisationImport(
      [
        row({ name: '中国第一汽车集团', kind: '企业', parent: '长春市总工会', creditCode: code }),
        row({ name: '长春市总工会', kind: '市', parent: '吉林省总工会' }),
        row({ name: '一汽', kind: '企业', parent: '朝阳区总工会', creditCode: code }),
      ],
      stored,
      admin,
    );
    expect(plan.results.map((result) => result.action)).toEqual(['update', 'unchanged', 'invalid']);
    // The same code twice in one file is refused on the later row.
    expect(plan.issues.map((entry) => [entry.row, entry.column])).toEqual([
      [4, '统一社会信用代码'],
    ]);
  });
});
