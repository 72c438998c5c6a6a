/**
 * Statistics, results documents, certificates and the public results endpoints, through the
 * app's one HTTP client (`request` in lib/api.ts). Files are fetched (not opened as links) so a
 * refusal — results not yet published, no permission — shows its message on the page instead
 * of replacing the page with an error body.
 */
import type {
  CertificateVerification,
  CertificateView,
  CompetitionStatistics,
  EventDocumentsStatus,
  IssueCertificatesRequest,
  IssueCertificatesResult,
  PublicCompetitionResults,
  RevokeCertificateRequest,
} from '@jingsai/contracts';
import { API_BASE, ApiError, CLIENT_ERROR_CODES, request, toApiError } from '../api';
import { i18n } from '../i18n';

const id = (value: string): string => encodeURIComponent(value);

/** The file name from `Content-Disposition` (RFC 5987 `filename*` first). */
export function dispositionFileName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain?.[1] ?? fallback;
}

/** Saves a Blob under a name through a temporary link (what a download button does). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches a generated file and saves it; throws ApiError with the server's message if refused. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      credentials: 'same-origin',
      headers: { 'Accept-Language': i18n.locale },
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: CLIENT_ERROR_CODES.network,
      message: i18n.t('error.network'),
    });
  }
  if (!response.ok) throw await toApiError(response);
  saveBlob(
    await response.blob(),
    dispositionFileName(response.headers.get('Content-Disposition'), fallbackName),
  );
}

export const resultsApi = {
  statistics: (competitionId: string, signal?: AbortSignal) =>
    request<CompetitionStatistics>('GET', `/competitions/${id(competitionId)}/statistics`, {
      signal,
    }),
  statisticsXlsxPath: (competitionId: string) =>
    `/competitions/${id(competitionId)}/statistics/xlsx`,

  documentsStatus: (competitionId: string, signal?: AbortSignal) =>
    request<EventDocumentsStatus[]>('GET', `/competitions/${id(competitionId)}/documents`, {
      signal,
    }),
  resultsPath: (competitionId: string, eventId: string, format: 'xlsx' | 'pdf') =>
    `/competitions/${id(competitionId)}/events/${id(eventId)}/documents/results?format=${format}`,
  awardsPath: (competitionId: string, eventId: string, format: 'xlsx' | 'pdf') =>
    `/competitions/${id(competitionId)}/events/${id(eventId)}/documents/awards?format=${format}`,
  recommendationsPath: (
    competitionId: string,
    eventId: string,
    options: { top: number; title: string; format: 'xlsx' | 'pdf' },
  ) =>
    `/competitions/${id(competitionId)}/events/${id(eventId)}/documents/recommendations?${new URLSearchParams(
      { top: String(options.top), title: options.title, format: options.format },
    ).toString()}`,
  markSheetPath: (competitionId: string, eventId: string, code: string) =>
    `/competitions/${id(competitionId)}/events/${id(eventId)}/documents/mark-sheet?code=${encodeURIComponent(code)}`,

  issueCertificates: (competitionId: string, eventId: string, body: IssueCertificatesRequest) =>
    request<IssueCertificatesResult>(
      'POST',
      `/competitions/${id(competitionId)}/events/${id(eventId)}/certificates`,
      { body },
    ),
  listCertificates: (competitionId: string, eventId: string, signal?: AbortSignal) =>
    request<CertificateView[]>(
      'GET',
      `/competitions/${id(competitionId)}/events/${id(eventId)}/certificates`,
      { signal },
    ),
  revokeCertificate: (
    competitionId: string,
    certificateId: string,
    body: RevokeCertificateRequest,
  ) =>
    request<CertificateView>(
      'POST',
      `/competitions/${id(competitionId)}/certificates/${id(certificateId)}/revoke`,
      { body },
    ),
  certificatePath: (competitionId: string, certificateId: string) =>
    `/competitions/${id(competitionId)}/certificates/${id(certificateId)}/pdf`,
  certificateBatchPath: (competitionId: string, eventId: string, format: 'pdf' | 'zip') =>
    `/competitions/${id(competitionId)}/events/${id(eventId)}/certificates/batch?format=${format}`,

  verifyCertificate: (code: string, signal?: AbortSignal) =>
    request<CertificateVerification>('GET', `/public/certificates/${id(code)}`, { signal }),
  publicResults: (competitionId: string, q: string, signal?: AbortSignal) =>
    request<PublicCompetitionResults>(
      'GET',
      `/public/competitions/${id(competitionId)}/results${q ? `?q=${encodeURIComponent(q)}` : ''}`,
      { signal },
    ),
};
