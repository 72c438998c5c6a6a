import { MAX_PHOTO_BYTES } from '@jingsai/contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { type AuthUser, isPlatformAdmin } from '../../common/auth/auth-user';
import { DomainError, EntityNotFoundError, ForbiddenError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { Person } from '../registrations/entities/person.entity';
import { Registration } from '../registrations/entities/registration.entity';
import { PersonPhoto } from './entities/person-photo.entity';

export class PhotoInvalidError extends DomainError {
  readonly status = 400;
  readonly code = 'photo.invalid';
}

export class PhotoNotFoundError extends DomainError {
  readonly status = 404;
  readonly code = 'photo.not_found';
}

export interface PhotoUpload {
  buffer: Buffer;
  size: number;
}

/** The image type from the file's first bytes, never from its name or the client's claim. */
export function sniffImageType(bytes: Buffer): 'image/jpeg' | 'image/png' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((byte, i) => bytes[i] === byte)) return 'image/png';
  return null;
}

/**
 * ID photos for the check-in desk. Uploaded and seen only by the person themself, a coordinator
 * of their enterprise, or an organiser of a competition they entered.
 */
@Injectable()
export class PersonPhotoService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
  ) {}

  async uploadPhoto(
    user: AuthUser,
    personId: string,
    file: PhotoUpload | undefined,
  ): Promise<{ personId: string; size: number; contentType: string; sha256: string }> {
    const person = await this.loadAllowed(user, personId);
    if (!file || file.size === 0 || file.size > MAX_PHOTO_BYTES) throw new PhotoInvalidError();
    const contentType = sniffImageType(file.buffer);
    if (!contentType) throw new PhotoInvalidError();
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const result = await this.em.transactional(async (tx) => {
      const existing = await tx.findOne(PersonPhoto, { person: person.id });
      const before = existing
        ? { size: existing.size, contentType: existing.contentType, sha256: existing.sha256 }
        : null;
      const photo =
        existing ??
        tx.create(PersonPhoto, {
          person: person.id,
          contentType,
          data: file.buffer,
          size: file.size,
          sha256,
        });
      photo.contentType = contentType;
      photo.data = file.buffer;
      photo.size = file.size;
      photo.sha256 = sha256;
      photo.uploadedBy = user.id;
      photo.uploadedAt = new Date();
      this.audit.record(
        {
          actorId: user.id,
          action: 'person.photo_upload',
          subjectType: 'person',
          subjectId: person.id,
          before,
          after: { size: file.size, contentType, sha256 },
        },
        tx,
      );
      return photo;
    });
    return { personId: person.id, size: result.size, contentType, sha256 };
  }

  async getPhoto(
    user: AuthUser,
    personId: string,
  ): Promise<{ contentType: string; data: Buffer; sha256: string }> {
    await this.loadAllowed(user, personId);
    const photo = await this.em.findOne(PersonPhoto, { person: personId }, { populate: ['data'] });
    if (!photo) throw new PhotoNotFoundError();
    return { contentType: photo.contentType, data: photo.data, sha256: photo.sha256 };
  }

  /** The person, if the caller may see and change their photo; otherwise 404 (nothing is revealed). */
  private async loadAllowed(user: AuthUser, personId: string): Promise<Person> {
    const person = await this.em.findOne(Person, { id: personId });
    if (!person) throw new EntityNotFoundError('person', personId);
    if (person.user?.id === user.id || isPlatformAdmin(user)) return person;
    if (person.enterprise) {
      const coordinatorScopes = user.grants.flatMap((grant) =>
        grant.role === 'coordinator' && grant.scopeType === 'organisation' && grant.scopeId
          ? [grant.scopeId]
          : [],
      );
      if (coordinatorScopes.length > 0) {
        const reach = await this.organisations.descendantIds(coordinatorScopes);
        if (reach.includes(person.enterprise.id)) return person;
      }
    }
    const competitions = await this.em.find(Registration, { person }, { fields: ['competition'] });
    for (const competitionId of new Set(competitions.map((entry) => entry.competition.id))) {
      if (
        await this.access.isAllowed(user, ['organiser'], { type: 'competition', id: competitionId })
      )
        return person;
    }
    throw new ForbiddenError();
  }
}
