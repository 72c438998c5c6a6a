import {
  CertificateBatchQuery,
  DocumentFormatQuery,
  IssueCertificatesRequest,
  MarkSheetQuery,
  PublicResultsQuery,
  RecommendationQuery,
  RevokeCertificateRequest,
} from '@jingsai/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class EventDocumentParams extends createZodDto(
  z.object({ competitionId: z.uuid(), eventId: z.uuid() }),
) {}
export class CertificateParams extends createZodDto(
  z.object({ competitionId: z.uuid(), certificateId: z.uuid() }),
) {}
/** Any text up to 200 characters: a malformed code is simply "not genuine", not a 400. */
export class VerifyParams extends createZodDto(z.object({ code: z.string().max(200) })) {}

export class DocumentFormatDto extends createZodDto(DocumentFormatQuery) {}
export class RecommendationDto extends createZodDto(RecommendationQuery) {}
export class CertificateBatchDto extends createZodDto(CertificateBatchQuery) {}
export class IssueCertificatesDto extends createZodDto(IssueCertificatesRequest) {}
export class RevokeCertificateDto extends createZodDto(RevokeCertificateRequest) {}
export class MarkSheetDto extends createZodDto(MarkSheetQuery) {}
export class PublicResultsDto extends createZodDto(PublicResultsQuery) {}
