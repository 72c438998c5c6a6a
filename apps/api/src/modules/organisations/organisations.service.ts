import {
  type CreateOrganisationRequest,
  kindMayHang,
  ORGANISATION_KIND_NAMES,
  type OrganisationDetail,
  type OrganisationKind,
  type UpdateOrganisationRequest,
} from '@jingsai/contracts';
import { ForeignKeyConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { type AuthUser, isPlatformAdmin } from '../../common/auth/auth-user';
import {
  ConflictError,
  DomainError,
  EntityNotFoundError,
  type FieldIssue,
  ForbiddenError,
} from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { Competition } from '../competitions/entities/competition.entity';
import { Person } from '../registrations/entities/person.entity';
import { Team } from '../registrations/entities/team.entity';
import { RoleGrant } from '../users/entities/role-grant.entity';
import { Organisation } from './entities/organisation.entity';

/** The organisation breaks a rule of the tree (kind order, a loop, a missing parent). */
export class OrganisationInvalidError extends DomainError {
  readonly status = 409;
  readonly code = 'organisation.invalid';

  constructor(override readonly issues: FieldIssue[]) {
    super({ count: issues.length });
  }
}

export class CreditCodeTakenError extends DomainError {
  readonly status = 409;
  readonly code = 'organisation.credit_code_taken';
  override readonly issues: FieldIssue[];

  constructor(creditCode: string, name: string) {
    super({ creditCode, name });
    this.issues = [
      {
        path: 'creditCode',
        message: {
          'zh-CN': `统一社会信用代码 ${creditCode} 已属于“${name}”`,
          en: `The credit code ${creditCode} already belongs to "${name}"`,
        },
      },
    ];
  }
}

export class OrganisationInUseError extends DomainError {
  readonly status = 409;
  readonly code = 'organisation.in_use';
}

const issue = (path: string, zh: string, en: string): FieldIssue => ({
  path,
  message: { 'zh-CN': zh, en },
});

/** Why `kind` may not sit under `parentKind`, or null when it may. */
export function kindOrderIssue(
  kind: OrganisationKind,
  parentKind: OrganisationKind | null,
  path = 'parentId',
): FieldIssue | null {
  if (kindMayHang(kind, parentKind)) return null;
  const kindName = ORGANISATION_KIND_NAMES[kind];
  if (parentKind === null) {
    return issue(
      path,
      `${kindName['zh-CN']}必须有上级单位（只有省级工会位于最上层）`,
      `A ${kindName.en.toLowerCase()} needs a parent (only a province union stands at the top)`,
    );
  }
  const parentName = ORGANISATION_KIND_NAMES[parentKind];
  return kind === 'province'
    ? issue(
        path,
        '省级工会位于最上层，不能有上级单位',
        'A province union stands at the top: it has no parent',
      )
    : issue(
        path,
        `${kindName['zh-CN']}不能隶属于${parentName['zh-CN']}（层级为 省 → 市 → 县（区）→ 企业）`,
        `A ${kindName.en.toLowerCase()} cannot sit under ${parentName.en === 'Enterprise' ? 'an enterprise' : `a ${parentName.en.toLowerCase()}`} (the order is province → city → county → enterprise)`,
      );
}

/** What the caller may do in the tree, worked out once per request. */
export interface OrganisationReach {
  admin: boolean;
  /** Organisations under (and including) the unions the caller is an organiser of. */
  organiserSubtree: ReadonlySet<string>;
}

/**
 * The organisation tree (province union → city → county → enterprise): reading it within the
 * caller's reach, and creating, editing, moving and deleting nodes by platform admins and by
 * organisers of a union above. Every change is audited before → after.
 */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /** The organisation and all its parents up to the province union, nearest first. */
  async ancestorIds(organisationId: string, em: EntityManager = this.em): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.execute(
      `with recursive chain(id, parent_id, depth) as (
         select id, parent_id, 0 from organisation where id = ?
         union all
         select o.id, o.parent_id, c.depth + 1 from organisation o join chain c on o.id = c.parent_id
         where c.depth < 20
       ) select id from chain order by depth`,
      [organisationId],
    );
    return rows.map((row) => row.id);
  }

  /** The organisation and everything below it. */
  async descendantIds(
    organisationIds: readonly string[],
    em: EntityManager = this.em,
  ): Promise<string[]> {
    if (organisationIds.length === 0) return [];
    const rows: Array<{ id: string }> = await em.execute(
      `with recursive tree(id, depth) as (
         select id, 0 from organisation where id in (?)
         union all
         select o.id, t.depth + 1 from organisation o join tree t on o.parent_id = t.id
         where t.depth < 20
       ) select distinct id from tree`,
      [organisationIds],
    );
    return rows.map((row) => row.id);
  }

  async organiserOfCompetition(competitionId: string): Promise<string | null> {
    const competition = await this.em.findOne(
      Competition,
      { id: competitionId },
      { fields: ['organiser'] },
    );
    return competition?.organiser.id ?? null;
  }

  /** Platform admin, or the subtrees of the unions the caller organises. */
  async reachOf(user: AuthUser, em: EntityManager = this.em): Promise<OrganisationReach> {
    const admin = isPlatformAdmin(user);
    const roots = user.grants.flatMap((grant) =>
      grant.role === 'organiser' && grant.scopeType === 'organisation' && grant.scopeId
        ? [grant.scopeId]
        : [],
    );
    return {
      admin,
      organiserSubtree: new Set(admin ? [] : await this.descendantIds(roots, em)),
    };
  }

  /** Edit, move or delete: admin, or an organiser of a union above it (not of itself). */
  static mayManage(reach: OrganisationReach, parentId: string | null): boolean {
    return reach.admin || (parentId !== null && reach.organiserSubtree.has(parentId));
  }

  /** Create directly under `parentId` (null: a new province union, admins only). */
  static mayAddUnder(reach: OrganisationReach, parentId: string | null): boolean {
    return reach.admin || (parentId !== null && reach.organiserSubtree.has(parentId));
  }

  /**
   * Organisations the caller works with: all of them for a platform admin, otherwise the
   * subtrees under the organisations they hold a role in (a coordinator sees only their own
   * enterprise).
   */
  async listOrganisations(user: AuthUser): Promise<OrganisationDetail[]> {
    const reach = await this.reachOf(user);
    const where = reach.admin
      ? {}
      : {
          id: {
            $in: await this.descendantIds(
              user.grants.flatMap((grant) =>
                grant.scopeType === 'organisation' && grant.scopeId ? [grant.scopeId] : [],
              ),
            ),
          },
        };
    const organisations = await this.em.find(Organisation, where, { orderBy: { name: 'asc' } });
    const childCounts = new Map<string, number>();
    for (const organisation of organisations) {
      const parentId = organisation.parent?.id;
      if (parentId) childCounts.set(parentId, (childCounts.get(parentId) ?? 0) + 1);
    }
    return organisations.map((organisation) =>
      this.toDetail(organisation, reach, childCounts.get(organisation.id) ?? 0),
    );
  }

  async createOrganisation(
    user: AuthUser,
    dto: CreateOrganisationRequest,
  ): Promise<OrganisationDetail> {
    const reach = await this.reachOf(user);
    if (!OrganisationsService.mayAddUnder(reach, dto.parentId)) throw new ForbiddenError();
    const organisation = await this.em.transactional(async (tx) => {
      const parent = dto.parentId ? await tx.findOne(Organisation, { id: dto.parentId }) : null;
      if (dto.parentId && !parent) throw new EntityNotFoundError('organisation', dto.parentId);
      const problems: FieldIssue[] = [];
      const order = kindOrderIssue(dto.kind, parent?.kind ?? null);
      if (order) problems.push(order);
      if (dto.kind === 'enterprise' && !dto.creditCode) {
        problems.push(
          issue(
            'creditCode',
            '企业须填写统一社会信用代码',
            'An enterprise needs its unified social credit code',
          ),
        );
      }
      await this.checkNameFree(tx, dto.name, parent?.id ?? null, null, problems);
      if (problems.length > 0) throw new OrganisationInvalidError(problems);
      if (dto.creditCode) await this.checkCreditCodeFree(tx, dto.creditCode, null);
      const created = tx.create(Organisation, {
        name: dto.name,
        kind: dto.kind,
        parent,
        creditCode: dto.creditCode,
        region: dto.region,
        industry: dto.industry,
      });
      await tx.flush();
      this.audit.record(
        {
          actorId: user.id,
          action: 'organisation.create',
          subjectType: 'organisation',
          subjectId: created.id,
          before: null,
          after: OrganisationsService.snapshot(created),
        },
        tx,
      );
      return created;
    });
    return this.toDetail(organisation, reach, 0);
  }

  async updateOrganisation(
    user: AuthUser,
    organisationId: string,
    dto: UpdateOrganisationRequest,
  ): Promise<OrganisationDetail> {
    const reach = await this.reachOf(user);
    const organisation = await this.em.transactional(async (tx) => {
      const entry = await this.loadVisible(tx, user, reach, organisationId);
      if (!OrganisationsService.mayManage(reach, entry.parent?.id ?? null))
        throw new ForbiddenError();
      const before = OrganisationsService.snapshot(entry);
      const problems: FieldIssue[] = [];

      let parent = entry.parent;
      if (dto.parentId !== undefined && dto.parentId !== (entry.parent?.id ?? null)) {
        if (!OrganisationsService.mayAddUnder(reach, dto.parentId)) throw new ForbiddenError();
        parent = dto.parentId ? await tx.findOne(Organisation, { id: dto.parentId }) : null;
        if (dto.parentId && !parent) throw new EntityNotFoundError('organisation', dto.parentId);
        const order = kindOrderIssue(entry.kind, parent?.kind ?? null);
        if (order) problems.push(order);
        if (parent && (await this.ancestorIds(parent.id, tx)).includes(entry.id)) {
          problems.push(
            issue(
              'parentId',
              '不能移到自己或自己的下级单位之下',
              'An organisation cannot be moved under itself or one of its own children',
            ),
          );
        }
      }
      const name = dto.name ?? entry.name;
      if (name !== entry.name || parent?.id !== entry.parent?.id) {
        await this.checkNameFree(tx, name, parent?.id ?? null, entry.id, problems);
      }
      const creditCode = dto.creditCode === undefined ? entry.creditCode : dto.creditCode;
      if (entry.kind === 'enterprise' && entry.creditCode && !creditCode) {
        problems.push(
          issue(
            'creditCode',
            '企业的统一社会信用代码不能删除，只能更正',
            "An enterprise's credit code can be corrected but not removed",
          ),
        );
      }
      if (problems.length > 0) throw new OrganisationInvalidError(problems);
      if (creditCode && creditCode !== entry.creditCode)
        await this.checkCreditCodeFree(tx, creditCode, entry.id);

      entry.name = name;
      entry.parent = parent;
      entry.creditCode = creditCode;
      if (dto.region !== undefined) entry.region = dto.region;
      if (dto.industry !== undefined) entry.industry = dto.industry;
      const after = OrganisationsService.snapshot(entry);
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        this.audit.record(
          {
            actorId: user.id,
            action:
              before.parentId === after.parentId ? 'organisation.update' : 'organisation.move',
            subjectType: 'organisation',
            subjectId: entry.id,
            before,
            after,
          },
          tx,
        );
      }
      return entry;
    });
    const childCount = await this.em.count(Organisation, { parent: organisation.id });
    return this.toDetail(organisation, reach, childCount);
  }

  /** Only when nothing hangs off it: no children, workers, competitions, teams or grants. */
  async deleteOrganisation(user: AuthUser, organisationId: string): Promise<void> {
    const reach = await this.reachOf(user);
    try {
      await this.em.transactional(async (tx) => {
        const entry = await this.loadVisible(tx, user, reach, organisationId);
        if (!OrganisationsService.mayManage(reach, entry.parent?.id ?? null))
          throw new ForbiddenError();
        const uses = {
          children: await tx.count(Organisation, { parent: entry }),
          people: await tx.count(Person, { enterprise: entry }),
          competitions: await tx.count(Competition, { organiser: entry }),
          teams: await tx.count(Team, { enterprise: entry }),
          grants: await tx.count(RoleGrant, { scopeType: 'organisation', scopeId: entry.id }),
        };
        if (Object.values(uses).some((count) => count > 0))
          throw new OrganisationInUseError({ name: entry.name, ...uses });
        this.audit.record(
          {
            actorId: user.id,
            action: 'organisation.delete',
            subjectType: 'organisation',
            subjectId: entry.id,
            before: OrganisationsService.snapshot(entry),
            after: null,
          },
          tx,
        );
        tx.remove(entry);
      });
    } catch (error) {
      // Something added since (or a table this check does not know) still points at it.
      if (error instanceof ForeignKeyConstraintViolationException) throw new ConflictError();
      throw error;
    }
  }

  // ── helpers ───────────────────────────────────────────────────────────────

  /** Found and within the caller's view; otherwise 404 (its existence is not revealed). */
  private async loadVisible(
    tx: EntityManager,
    user: AuthUser,
    reach: OrganisationReach,
    organisationId: string,
  ): Promise<Organisation> {
    const entry = await tx.findOne(Organisation, { id: organisationId });
    if (!entry) throw new EntityNotFoundError('organisation', organisationId);
    if (!reach.admin) {
      const roots = user.grants.flatMap((grant) =>
        grant.scopeType === 'organisation' && grant.scopeId ? [grant.scopeId] : [],
      );
      const ancestors = await this.ancestorIds(entry.id, tx);
      if (!ancestors.some((id) => roots.includes(id)))
        throw new EntityNotFoundError('organisation', organisationId);
    }
    return entry;
  }

  private async checkNameFree(
    tx: EntityManager,
    name: string,
    parentId: string | null,
    selfId: string | null,
    problems: FieldIssue[],
  ): Promise<void> {
    const clash = await tx.findOne(Organisation, {
      name,
      parent: parentId,
      ...(selfId ? { id: { $ne: selfId } } : {}),
    });
    if (clash) {
      problems.push(
        issue(
          'name',
          `同一上级单位下已有“${name}”`,
          `"${name}" already exists under the same parent`,
        ),
      );
    }
  }

  private async checkCreditCodeFree(
    tx: EntityManager,
    creditCode: string,
    selfId: string | null,
  ): Promise<void> {
    const holder = await tx.findOne(Organisation, {
      creditCode,
      ...(selfId ? { id: { $ne: selfId } } : {}),
    });
    if (holder) throw new CreditCodeTakenError(creditCode, holder.name);
  }

  static snapshot(organisation: Organisation) {
    return {
      name: organisation.name,
      kind: organisation.kind,
      parentId: organisation.parent?.id ?? null,
      creditCode: organisation.creditCode,
      region: organisation.region,
      industry: organisation.industry,
    };
  }

  private toDetail(
    organisation: Organisation,
    reach: OrganisationReach,
    childCount: number,
  ): OrganisationDetail {
    const parentId = organisation.parent?.id ?? null;
    return {
      id: organisation.id,
      name: organisation.name,
      kind: organisation.kind,
      parentId,
      region: organisation.region,
      industry: organisation.industry,
      creditCode: organisation.creditCode,
      childCount,
      manageable: OrganisationsService.mayManage(reach, parentId),
      canAddChildren:
        organisation.kind !== 'enterprise' &&
        (reach.admin || reach.organiserSubtree.has(organisation.id)),
    };
  }
}
