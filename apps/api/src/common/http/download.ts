import type { Response } from 'express';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_TYPE = 'application/pdf';
export const ZIP_TYPE = 'application/zip';

/** A generated file: what services return and controllers send. */
export interface DownloadFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** Sends a generated file as an attachment, with its Chinese name kept (RFC 5987). */
export function sendDownload(response: Response, file: DownloadFile): void {
  response.setHeader('Content-Type', file.contentType);
  response.setHeader(
    'Content-Disposition',
    `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  );
  response.setHeader('Cache-Control', 'private, no-store');
  response.send(file.body);
}
