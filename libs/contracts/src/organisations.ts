import { z } from 'zod';
import { OrganisationKind, OrganisationNode } from './competitions';
import { CreditCode } from './registration';

/*
 * The organisation tree: province union (省级工会) → city (市) → county (县/区) → enterprise (企业).
 * Enterprises carry a 统一社会信用代码; unions may. Managed by platform admins and by organisers
 * of a union above (a grant on a union covers its subtree).
 */

/** Kind → depth; a child's kind must be deeper than its parent's, and only a province is a root. */
export const ORGANISATION_KIND_RANK: Readonly<Record<OrganisationKind, number>> = {
  province: 0,
  city: 1,
  county: 2,
  enterprise: 3,
};

/** Whether `child` may sit directly under `parent` (null: at the top). */
export function kindMayHang(child: OrganisationKind, parent: OrganisationKind | null): boolean {
  if (parent === null) return child === 'province';
  return ORGANISATION_KIND_RANK[child] > ORGANISATION_KIND_RANK[parent];
}

export const ORGANISATION_KIND_NAMES: Readonly<
  Record<OrganisationKind, { 'zh-CN': string; en: string }>
> = {
  province: { 'zh-CN': '省级工会', en: 'Province union' },
  city: { 'zh-CN': '市级工会', en: 'City union' },
  county: { 'zh-CN': '县（区）级工会', en: 'County union' },
  enterprise: { 'zh-CN': '企业', en: 'Enterprise' },
};

/** A node as the console shows it: with industry, credit code and what hangs off it. */
export const OrganisationDetail = OrganisationNode.extend({
  industry: z.string().nullable(),
  creditCode: z.string().nullable(),
  childCount: z.number().int(),
  /** The caller may edit, move or delete it (platform admin or organiser of a union above). */
  manageable: z.boolean(),
  /** The caller may create organisations under it. */
  canAddChildren: z.boolean(),
});
export type OrganisationDetail = z.infer<typeof OrganisationDetail>;

const OptionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(
      max,
      `${label.split('|')[0]} must be at most ${max} characters / ${label.split('|')[1]}不能超过 ${max} 个字符`,
    )
    .transform((value) => (value === '' ? null : value))
    .nullable();

/** An empty credit code is "none"; anything else must pass GB 32100. */
const OptionalCreditCode = z
  .preprocess(
    (value) => (value === '' || value === undefined ? null : value),
    CreditCode.nullable(),
  )
  .optional()
  .transform((value) => value ?? null);

export const CreateOrganisationRequest = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'name is required / 请填写名称')
    .max(200, 'name must be at most 200 characters / 名称不能超过 200 个字符'),
  kind: OrganisationKind,
  parentId: z.uuid().nullable(),
  creditCode: OptionalCreditCode,
  region: OptionalText(100, 'region|地区')
    .optional()
    .transform((value) => value ?? null),
  industry: OptionalText(100, 'industry|行业')
    .optional()
    .transform((value) => value ?? null),
});
export type CreateOrganisationRequest = z.output<typeof CreateOrganisationRequest>;

/** Only the fields given change; parentId moves it (within the kind order). */
export const UpdateOrganisationRequest = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'name is required / 请填写名称')
    .max(200, 'name must be at most 200 characters / 名称不能超过 200 个字符')
    .optional(),
  parentId: z.uuid().nullable().optional(),
  creditCode: z
    .preprocess((value) => (value === '' ? null : value), CreditCode.nullable())
    .optional(),
  region: OptionalText(100, 'region|地区').optional(),
  industry: OptionalText(100, 'industry|行业').optional(),
});
export type UpdateOrganisationRequest = z.output<typeof UpdateOrganisationRequest>;

/** The organisation import template's columns, in order (Chinese headers as in the file). */
export const ORGANISATION_IMPORT_COLUMNS = [
  { key: 'name', header: '名称', en: 'Name', required: true },
  { key: 'kind', header: '类型', en: 'Kind', required: true },
  { key: 'parent', header: '上级单位', en: 'Parent', required: true },
  { key: 'creditCode', header: '统一社会信用代码', en: 'Credit code', required: false },
  { key: 'region', header: '地区', en: 'Region', required: false },
  { key: 'industry', header: '行业', en: 'Industry', required: false },
] as const;
export type OrganisationImportColumnKey = (typeof ORGANISATION_IMPORT_COLUMNS)[number]['key'];

export const OrganisationImportIssue = z.object({
  /** Spreadsheet row as the user sees it (the header is row 1); 0 for the file itself. */
  row: z.number().int(),
  /** Column header (名称…), or null for the whole row. */
  column: z.string().nullable(),
  message: z.object({ 'zh-CN': z.string(), en: z.string() }),
});
export type OrganisationImportIssue = z.infer<typeof OrganisationImportIssue>;

export const OrganisationImportRowResult = z.object({
  row: z.number().int(),
  name: z.string(),
  /** create: new; update: found (by credit code, else name under the same parent) and changed; unchanged: found as is. */
  action: z.enum(['create', 'update', 'unchanged', 'invalid']),
});
export type OrganisationImportRowResult = z.infer<typeof OrganisationImportRowResult>;

/**
 * The outcome of an organisation import. All or nothing: with any issue, nothing is written
 * (`committed` false); a preview never writes.
 */
export const OrganisationImportReport = z.object({
  fileName: z.string(),
  committed: z.boolean(),
  totalRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rows: z.array(OrganisationImportRowResult),
  issues: z.array(OrganisationImportIssue),
});
export type OrganisationImportReport = z.infer<typeof OrganisationImportReport>;
