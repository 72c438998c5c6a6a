import { z } from 'zod';

/**
 * Results documents (成绩公示表, award and recommendation lists), certificates (获奖证书) with a
 * public verification page, and the public results page of a competition.
 */

/** A certificate code: `<serial>.<signature>`, both base64url; the signature is an HMAC. */
export const CERTIFICATE_CODE_PATTERN = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/;

export const CertificateCode = z
  .string()
  .trim()
  .max(100, 'The code is too long / 证书编号过长')
  .regex(CERTIFICATE_CODE_PATTERN, 'This is not a certificate code / 这不是有效的证书编号');

export const CERTIFICATE_STATUSES = ['valid', 'revoked'] as const;
export const CertificateStatus = z.enum(CERTIFICATE_STATUSES);
export type CertificateStatus = z.infer<typeof CertificateStatus>;

export const CertificateView = z.object({
  id: z.string().uuid(),
  code: z.string(),
  competitionId: z.string().uuid(),
  competitionName: z.string(),
  eventId: z.string().uuid(),
  eventName: z.string(),
  entryId: z.string().uuid(),
  recipientName: z.string(),
  enterprise: z.string().nullable(),
  candidateNumber: z.string(),
  award: z.string(),
  rank: z.number().int().nullable(),
  organiserName: z.string(),
  /** YYYY-MM-DD printed on the certificate. */
  issuedOn: z.string(),
  resultVersion: z.number().int().nullable(),
  status: CertificateStatus,
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  /** Absolute URL the QR code points to. */
  verifyUrl: z.string(),
});
export type CertificateView = z.infer<typeof CertificateView>;

export const IssueCertificatesRequest = z.strictObject({
  /** Printed date; defaults to today in the competition's timezone. */
  issuedOn: z.iso.date('Use the form YYYY-MM-DD / 日期格式应为 YYYY-MM-DD').optional(),
});
export type IssueCertificatesRequest = z.infer<typeof IssueCertificatesRequest>;

export const IssueCertificatesResult = z.object({
  issued: z.number().int(),
  /** Rows with an award that already had a valid certificate: left as they were. */
  alreadyIssued: z.number().int(),
  /**
   * Valid certificates whose award, name or event changed in the latest published version (or
   * that no longer carry an award): revoked, with the reason shown on the verification page.
   */
  revoked: z.number().int(),
  /** Awarded rows without a name (identities not revealed): nothing issued for them. */
  skipped: z.number().int(),
  certificates: z.array(CertificateView),
});
export type IssueCertificatesResult = z.infer<typeof IssueCertificatesResult>;

export const RevokeCertificateRequest = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(2, 'Give a reason / 请填写撤销原因')
    .max(500, 'At most 500 characters / 最多 500 个字符'),
});
export type RevokeCertificateRequest = z.infer<typeof RevokeCertificateRequest>;

export const CERTIFICATE_BATCH_FORMATS = ['pdf', 'zip'] as const;
export const CertificateBatchQuery = z.strictObject({
  format: z.enum(CERTIFICATE_BATCH_FORMATS).default('pdf'),
});
export type CertificateBatchQuery = z.infer<typeof CertificateBatchQuery>;

/** What the public verification page shows: enough to compare with the paper, nothing private. */
export const CertificateVerification = z.discriminatedUnion('result', [
  z.object({
    result: z.literal('genuine'),
    status: CertificateStatus,
    recipientName: z.string(),
    competitionName: z.string(),
    eventName: z.string(),
    award: z.string(),
    organiserName: z.string(),
    issuedOn: z.string(),
    revokedAt: z.string().nullable(),
    revokeReason: z.string().nullable(),
  }),
  /** The code's signature is wrong or no certificate carries it: not issued by this platform. */
  z.object({ result: z.literal('not_genuine') }),
]);
export type CertificateVerification = z.infer<typeof CertificateVerification>;

export const RecommendationQuery = z.strictObject({
  top: z.coerce
    .number()
    .int('A whole number / 须为整数')
    .min(1, 'At least 1 / 至少为 1')
    .max(1000, 'At most 1000 / 最多 1000'),
  title: z
    .string()
    .trim()
    .min(1, 'Give the title, e.g. 技术能手 / 请填写称号，如“技术能手”')
    .max(50, 'At most 50 characters / 最多 50 个字符'),
  format: z.enum(['xlsx', 'pdf']).default('xlsx'),
});
export type RecommendationQuery = z.infer<typeof RecommendationQuery>;

export const MarkSheetQuery = z.strictObject({
  code: z
    .string()
    .trim()
    .min(1, 'Give the candidate number / 请填写参赛号')
    .max(40, 'At most 40 characters / 最多 40 个字符'),
});
export type MarkSheetQuery = z.infer<typeof MarkSheetQuery>;

export const DocumentFormatQuery = z.strictObject({
  format: z.enum(['xlsx', 'pdf']).default('xlsx'),
});
export type DocumentFormatQuery = z.infer<typeof DocumentFormatQuery>;

/** Per event of a competition: can documents be produced, and from which published version. */
export const EventDocumentsStatus = z.object({
  eventId: z.string().uuid(),
  eventName: z.string(),
  published: z.boolean(),
  resultVersion: z.number().int().nullable(),
  rows: z.number().int(),
  awarded: z.number().int(),
  certificates: z.number().int(),
  revokedCertificates: z.number().int(),
});
export type EventDocumentsStatus = z.infer<typeof EventDocumentsStatus>;

/** One line of the public results page: published results only, no personal data. */
export const PublicResultRow = z.object({
  rank: z.number().int().nullable(),
  candidateNumber: z.string(),
  name: z.string().nullable(),
  enterprise: z.string().nullable(),
  total: z.string().nullable(),
  award: z.string().nullable(),
});
export type PublicResultRow = z.infer<typeof PublicResultRow>;

export const PublicEventResults = z.object({
  eventId: z.string().uuid(),
  eventName: z.string(),
  resultVersion: z.number().int().nullable(),
  stageLabels: z.array(z.string()),
  rows: z.array(PublicResultRow.extend({ stages: z.array(z.string().nullable()) })),
});
export type PublicEventResults = z.infer<typeof PublicEventResults>;

export const PublicCompetitionResults = z.object({
  competitionId: z.string().uuid(),
  competitionName: z.string(),
  organiserName: z.string(),
  events: z.array(PublicEventResults),
});
export type PublicCompetitionResults = z.infer<typeof PublicCompetitionResults>;

export const PublicResultsQuery = z.strictObject({
  q: z.string().trim().max(50, 'At most 50 characters / 最多 50 个字符').optional(),
});
export type PublicResultsQuery = z.infer<typeof PublicResultsQuery>;

/**
 * The full mark sheet of one competitor for appeals: every judge's marks, which were dropped by
 * the panel rule, and the scoring engine's explanation of how the total came about.
 */
export const MarkSheet = z.object({
  eventId: z.string().uuid(),
  eventName: z.string(),
  entryId: z.string().uuid(),
  code: z.string(),
  name: z.string().nullable(),
  enterprise: z.string().nullable(),
  resultVersion: z.number().int().nullable(),
  total: z.string().nullable(),
  rank: z.number().int().nullable(),
  items: z.array(
    z.object({
      stage: z.string(),
      /** The rubric path, e.g. "A 安全文明生产 / A1 / 着装". */
      path: z.string(),
      max: z.string().nullable(),
      marks: z.array(
        z.object({ judge: z.string(), value: z.string().nullable(), dropped: z.boolean() }),
      ),
      score: z.string().nullable(),
    }),
  ),
  /** The engine's explanation, one line each (aggregation rule, weighting, rounding). */
  explanation: z.array(z.string()),
});
export type MarkSheet = z.infer<typeof MarkSheet>;
