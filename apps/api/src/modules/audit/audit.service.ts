import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditEntry } from './entities/audit-entry.entity';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/**
 * Appends to the audit log within the caller's unit of work (flushed with the change itself).
 * Inside `em.transactional()`, pass the transaction's EntityManager.
 */
@Injectable()
export class AuditService {
  constructor(private readonly em: EntityManager) {}

  record(entry: AuditRecord, em: EntityManager = this.em): void {
    em.persist(
      em.create(AuditEntry, {
        actorId: entry.actorId,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId ?? null,
        before: entry.before ?? null,
        after: entry.after ?? null,
        ip: entry.ip ?? null,
      }),
    );
  }
}
