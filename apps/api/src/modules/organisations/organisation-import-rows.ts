import {
  type Bilingual,
  kindMayHang,
  normaliseCode,
  normaliseText,
  ORGANISATION_IMPORT_COLUMNS,
  ORGANISATION_KIND_NAMES,
  type OrganisationImportColumnKey,
  type OrganisationImportIssue,
  type OrganisationImportRowResult,
  type OrganisationKind,
  parseCreditCode,
} from '@jingsai/contracts';

/*
 * The rules for an organisation import, as one pure function over the rows and the organisations
 * already stored: each row on its own, duplicates inside the file, parents (named in the file or
 * already stored, by credit code or name), the kind order, loops, access, and what each row
 * becomes — created, updated, unchanged — matching stored organisations by credit code first,
 * else by name under the same parent, so importing the same file twice creates nothing twice.
 */

export interface OrganisationImportInputRow {
  row: number;
  cells: Record<OrganisationImportColumnKey, string>;
}

export interface ExistingOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
  creditCode: string | null;
  region: string | null;
  industry: string | null;
}

export interface ImportReach {
  admin: boolean;
  /** Organisations the caller may add children under (their unions' subtrees). */
  organiserSubtree: ReadonlySet<string>;
}

/** Where a planned row hangs: an organisation already stored, another row of the file, or the top. */
export type ParentRef = { existingId: string } | { row: number } | null;

export interface PlannedOrganisation {
  row: number;
  name: string;
  kind: OrganisationKind;
  parent: ParentRef;
  creditCode: string | null;
  region: string | null;
  industry: string | null;
  /** The stored organisation this row is, when it is one. */
  matchId: string | null;
  action: 'create' | 'update' | 'unchanged';
}

export interface OrganisationImportPlan {
  /** In an order where every parent comes before its children. */
  planned: PlannedOrganisation[];
  results: OrganisationImportRowResult[];
  issues: OrganisationImportIssue[];
}

const HEADER: Readonly<Record<OrganisationImportColumnKey, string>> = Object.fromEntries(
  ORGANISATION_IMPORT_COLUMNS.map((column) => [column.key, column.header]),
) as Record<OrganisationImportColumnKey, string>;

const both = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, en });

const KIND_WORDS: ReadonlyMap<string, OrganisationKind> = new Map(
  (
    [
      ['province', ['省', '省级', '省级工会', '省总工会', '省工会', 'province', 'provinceunion']],
      ['city', ['市', '市级', '市级工会', '市总工会', '市工会', '地市', 'city', 'cityunion']],
      [
        'county',
        [
          '县',
          '区',
          '县级',
          '区级',
          '县区',
          '县区级',
          '县区级工会',
          '县级工会',
          '区级工会',
          '县总工会',
          '区总工会',
          'county',
          'countyunion',
          'district',
        ],
      ],
      ['enterprise', ['企业', '企业工会', '单位', 'enterprise', 'company']],
    ] as const
  ).flatMap(([kind, words]) => words.map((word) => [word, kind] as const)),
);

/** 类型 as written (省级工会, 市, 县（区）, 企业, city…) → kind, or null. */
export function parseOrganisationKind(text: string): OrganisationKind | null {
  const key = normaliseText(text)
    .replace(/[\s()（）]/g, '')
    .toLowerCase();
  return KIND_WORDS.get(key) ?? null;
}

/** How names are compared: normalised, without spaces, case-insensitive. */
export function organisationNameKey(name: string): string {
  return normaliseText(name).replace(/ /g, '').toLowerCase();
}

const CODE_SHAPE = /^[0-9A-Z]{18}$/;

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

interface ParsedRow {
  row: number;
  name: string;
  kind: OrganisationKind | null;
  parentText: string;
  creditCode: string | null;
  region: string | null;
  industry: string | null;
  valid: boolean;
}

export function planOrganisationImport(
  input: readonly OrganisationImportInputRow[],
  existing: readonly ExistingOrganisation[],
  reach: ImportReach,
  /** Credit codes held by organisations the caller cannot see: code → nothing more is told. */
  hiddenCreditCodes: ReadonlySet<string> = new Set(),
): OrganisationImportPlan {
  const issues: OrganisationImportIssue[] = [];
  const invalid = new Set<number>();
  const fail = (row: number, column: OrganisationImportColumnKey | null, message: Bilingual) => {
    issues.push({ row, column: column ? HEADER[column] : null, message });
    invalid.add(row);
  };

  // 1. Each row on its own.
  const parsed: ParsedRow[] = input.map(({ row, cells }) => {
    const name = normaliseText(cells.name);
    if (name === '') fail(row, 'name', both('名称为空', 'Name is empty'));
    else if (name.length > 200)
      fail(row, 'name', both('名称不能超过 200 个字符', 'Name must be at most 200 characters'));
    const kindText = normaliseText(cells.kind);
    const kind = kindText === '' ? null : parseOrganisationKind(kindText);
    if (kindText === '') fail(row, 'kind', both('类型为空', 'Kind is empty'));
    else if (!kind)
      fail(
        row,
        'kind',
        both(
          `类型“${kindText}”无法识别，请填写 省级工会、市级工会、县（区）级工会 或 企业`,
          `Kind "${kindText}" is not recognised: write province, city, county or enterprise (省级工会、市级工会、县（区）级工会、企业)`,
        ),
      );
    const codeText = normaliseText(cells.creditCode);
    let creditCode: string | null = null;
    if (codeText !== '') {
      const parsedCode = parseCreditCode(codeText);
      if (parsedCode.ok) creditCode = parsedCode.value.code;
      else fail(row, 'creditCode', parsedCode.error.message);
    } else if (kind === 'enterprise') {
      fail(
        row,
        'creditCode',
        both('企业须填写统一社会信用代码', 'An enterprise needs its unified social credit code'),
      );
    }
    const text = (key: 'region' | 'industry', zh: string, en: string): string | null => {
      const value = normaliseText(cells[key]);
      if (value.length > 100)
        fail(row, key, both(`${zh}不能超过 100 个字符`, `${en} must be at most 100 characters`));
      return value === '' ? null : value;
    };
    return {
      row,
      name,
      kind,
      parentText: normaliseText(cells.parent),
      creditCode,
      region: text('region', '地区', 'Region'),
      industry: text('industry', '行业', 'Industry'),
      valid: true,
    };
  });

  // 2. Duplicates inside the file.
  const byCode = new Map<string, ParsedRow>();
  for (const row of parsed) {
    if (!row.creditCode) continue;
    const earlier = byCode.get(row.creditCode);
    if (earlier) {
      fail(
        row.row,
        'creditCode',
        both(
          `与第 ${earlier.row} 行的统一社会信用代码重复`,
          `Same credit code as row ${earlier.row}`,
        ),
      );
    } else byCode.set(row.creditCode, row);
  }
  const fileByName = new Map<string, ParsedRow[]>();
  for (const row of parsed) {
    if (row.name === '') continue;
    const key = organisationNameKey(row.name);
    fileByName.set(key, [...(fileByName.get(key) ?? []), row]);
  }
  const existingById = new Map(existing.map((entry) => [entry.id, entry]));
  const existingByCode = new Map(
    existing.flatMap((entry) => (entry.creditCode ? [[entry.creditCode, entry] as const] : [])),
  );
  const existingByName = new Map<string, ExistingOrganisation[]>();
  for (const entry of existing) {
    const key = organisationNameKey(entry.name);
    existingByName.set(key, [...(existingByName.get(key) ?? []), entry]);
  }

  // 3. Parents: a row of the file first, else a stored organisation; by credit code or name.
  const parentOf = new Map<number, ParentRef>();
  for (const row of parsed) {
    if (row.parentText === '') {
      parentOf.set(row.row, null);
      continue;
    }
    const code = normaliseCode(row.parentText);
    const fileCandidates = CODE_SHAPE.test(code)
      ? byCode.has(code)
        ? [byCode.get(code)!]
        : []
      : (fileByName.get(organisationNameKey(row.parentText)) ?? []);
    const stored = CODE_SHAPE.test(code)
      ? existingByCode.has(code)
        ? [existingByCode.get(code)!]
        : []
      : (existingByName.get(organisationNameKey(row.parentText)) ?? []);
    const unions = fileCandidates;
    if (unions.length === 1 && unions[0]!.row !== row.row) {
      parentOf.set(row.row, { row: unions[0]!.row });
    } else if (unions.length > 1) {
      fail(
        row.row,
        'parent',
        both(
          `上级单位“${row.parentText}”在文件中出现多次（第 ${unions.map((u) => u.row).join('、')} 行），请填写其统一社会信用代码`,
          `The parent "${row.parentText}" appears more than once in the file (rows ${unions.map((u) => u.row).join(', ')}); write its credit code instead`,
        ),
      );
    } else if (stored.length === 1) {
      parentOf.set(row.row, { existingId: stored[0]!.id });
    } else if (stored.length > 1) {
      fail(
        row.row,
        'parent',
        both(
          `有 ${stored.length} 个单位名为“${row.parentText}”，请填写上级单位的统一社会信用代码`,
          `${stored.length} organisations are called "${row.parentText}"; write the parent's credit code instead`,
        ),
      );
    } else {
      fail(
        row.row,
        'parent',
        both(
          `找不到上级单位“${row.parentText}”（既不在文件中，也不在您管理的组织中）`,
          `The parent "${row.parentText}" is neither in the file nor among the organisations you manage`,
        ),
      );
    }
  }

  // 4. Order parents before children; a loop of rows naming each other is refused.
  const byRow = new Map(parsed.map((row) => [row.row, row]));
  const ordered: ParsedRow[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (row: ParsedRow, trail: number[]): void => {
    const seen = state.get(row.row);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      for (const member of trail.slice(trail.indexOf(row.row))) {
        if (!invalid.has(member))
          fail(
            member,
            'parent',
            both(
              `上级单位形成循环（第 ${trail.slice(trail.indexOf(row.row)).join(' → ')} 行）`,
              `The parents form a loop (rows ${trail.slice(trail.indexOf(row.row)).join(' → ')})`,
            ),
          );
      }
      return;
    }
    state.set(row.row, 'visiting');
    const parent = parentOf.get(row.row);
    if (parent && 'row' in parent) visit(byRow.get(parent.row)!, [...trail, row.row]);
    state.set(row.row, 'done');
    ordered.push(row);
  };
  for (const row of parsed) visit(row, []);

  // 5. What each row becomes, parents first.
  const plannedByRow = new Map<number, PlannedOrganisation>();
  /** `${parent}|${nameKey}` → row, to find two new rows with one name under one parent. */
  const placed = new Map<string, number>();
  const parentKey = (ref: ParentRef): string =>
    ref === null
      ? 'top'
      : 'existingId' in ref
        ? ref.existingId
        : (plannedByRow.get(ref.row)?.matchId ?? `row:${ref.row}`);

  for (const row of ordered) {
    const parent = parentOf.get(row.row);
    if (invalid.has(row.row) || parent === undefined || !row.kind) continue;
    if (parent && 'row' in parent && (invalid.has(parent.row) || !plannedByRow.has(parent.row))) {
      fail(
        row.row,
        'parent',
        both(
          `上级单位（第 ${parent.row} 行）有问题，请先修改那一行`,
          `Its parent (row ${parent.row}) has problems; fix that row first`,
        ),
      );
      continue;
    }
    const parentKind: OrganisationKind | null =
      parent === null
        ? null
        : 'existingId' in parent
          ? existingById.get(parent.existingId)!.kind
          : plannedByRow.get(parent.row)!.kind;
    if (!kindMayHang(row.kind, parentKind)) {
      const kindName = ORGANISATION_KIND_NAMES[row.kind];
      fail(
        row.row,
        parentKind === null ? 'parent' : 'kind',
        parentKind === null
          ? both(
              `${kindName['zh-CN']}须填写上级单位（只有省级工会位于最上层）`,
              `A ${kindName.en.toLowerCase()} needs a parent (only a province union stands at the top)`,
            )
          : both(
              `${kindName['zh-CN']}不能隶属于${ORGANISATION_KIND_NAMES[parentKind]['zh-CN']}（层级为 省 → 市 → 县（区）→ 企业）`,
              `A ${kindName.en.toLowerCase()} cannot sit under ${article(ORGANISATION_KIND_NAMES[parentKind].en.toLowerCase())} (province → city → county → enterprise)`,
            ),
      );
      continue;
    }
    const resolvedParent = parentKey(parent);
    const parentId =
      resolvedParent === 'top' || resolvedParent.startsWith('row:') ? null : resolvedParent;

    // Is it one we already have? By credit code first, else by name under the same parent.
    let match: ExistingOrganisation | null = null;
    if (row.creditCode && hiddenCreditCodes.has(row.creditCode)) {
      fail(
        row.row,
        'creditCode',
        both(
          `统一社会信用代码 ${row.creditCode} 已属于您管理范围以外的单位`,
          `The credit code ${row.creditCode} belongs to an organisation outside the ones you manage`,
        ),
      );
      continue;
    }
    if (row.creditCode) match = existingByCode.get(row.creditCode) ?? null;
    if (!match && !resolvedParent.startsWith('row:')) {
      match =
        (existingByName.get(organisationNameKey(row.name)) ?? []).find(
          (entry) => entry.parentId === parentId,
        ) ?? null;
      if (match?.creditCode && row.creditCode && match.creditCode !== row.creditCode) {
        fail(
          row.row,
          'creditCode',
          both(
            `同一上级单位下的“${match.name}”已登记统一社会信用代码 ${match.creditCode}，与本行不同`,
            `"${match.name}" under the same parent is registered with the credit code ${match.creditCode}, not this one`,
          ),
        );
        continue;
      }
    }
    if (match) {
      if (match.kind !== row.kind) {
        fail(
          row.row,
          'kind',
          both(
            `“${match.name}”已登记为${ORGANISATION_KIND_NAMES[match.kind]['zh-CN']}，与本行类型不同`,
            `"${match.name}" is registered as a ${ORGANISATION_KIND_NAMES[match.kind].en.toLowerCase()}, not this kind`,
          ),
        );
        continue;
      }
      if (match.parentId !== parentId) {
        const currentParent = match.parentId ? existingById.get(match.parentId) : null;
        fail(
          row.row,
          'parent',
          both(
            `统一社会信用代码 ${row.creditCode ?? ''} 的“${match.name}”已登记在“${currentParent?.name ?? '最上层'}”之下；如需调整，请在组织管理中移动`,
            `"${match.name}" (credit code ${row.creditCode ?? ''}) is registered under "${currentParent?.name ?? 'the top'}"; move it in the organisation console if that is wrong`,
          ),
        );
        continue;
      }
    }
    const placeKey = `${resolvedParent}|${organisationNameKey(row.name)}`;
    const twin = placed.get(placeKey);
    if (twin !== undefined) {
      fail(
        row.row,
        'name',
        both(
          `与第 ${twin} 行是同一上级单位下的同名单位`,
          `Same name under the same parent as row ${twin}`,
        ),
      );
      continue;
    }
    if (!match) {
      const mayAdd =
        reach.admin ||
        (parent !== null && ('row' in parent || reach.organiserSubtree.has(parent.existingId)));
      if (!mayAdd) {
        fail(
          row.row,
          'parent',
          parent === null
            ? both(
                '只有平台管理员可以新建省级工会',
                'Only a platform admin can add a province union',
              )
            : both(
                '您不能在该上级单位下新建单位（只能在您所在工会的下级中新建）',
                'You cannot add organisations under this parent (only below your own union)',
              ),
        );
        continue;
      }
    }
    const changes =
      match &&
      (match.name !== row.name ||
        (row.creditCode !== null && match.creditCode !== row.creditCode) ||
        (row.region !== null && match.region !== row.region) ||
        (row.industry !== null && match.industry !== row.industry));
    if (
      changes &&
      !(reach.admin || (match!.parentId !== null && reach.organiserSubtree.has(match!.parentId)))
    ) {
      fail(
        row.row,
        null,
        both(
          `“${match!.name}”已存在，您无权修改它`,
          `"${match!.name}" exists and you may not change it`,
        ),
      );
      continue;
    }
    placed.set(placeKey, row.row);
    plannedByRow.set(row.row, {
      row: row.row,
      name: row.name,
      kind: row.kind,
      parent,
      creditCode: row.creditCode ?? match?.creditCode ?? null,
      region: row.region ?? match?.region ?? null,
      industry: row.industry ?? match?.industry ?? null,
      matchId: match?.id ?? null,
      action: !match ? 'create' : changes ? 'update' : 'unchanged',
    });
  }

  issues.sort((a, b) => a.row - b.row);
  const planned = ordered.flatMap((row) => {
    const plan = plannedByRow.get(row.row);
    return plan && !invalid.has(row.row) ? [plan] : [];
  });
  return {
    planned,
    results: parsed.map((row) => ({
      row: row.row,
      name: row.name,
      action: invalid.has(row.row) ? 'invalid' : (plannedByRow.get(row.row)?.action ?? 'invalid'),
    })),
    issues,
  };
}
