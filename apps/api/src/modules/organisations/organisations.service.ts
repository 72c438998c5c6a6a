import type { OrganisationNode } from '@jingsai/contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { type AuthUser, isPlatformAdmin } from '../../common/auth/auth-user';
import { Competition } from '../competitions/entities/competition.entity';
import { Organisation } from './entities/organisation.entity';

@Injectable()
export class OrganisationsService {
  constructor(private readonly em: EntityManager) {}

  /** The organisation and all its parents up to the province union, nearest first. */
  async ancestorIds(organisationId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.em.getConnection().execute(
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
  async descendantIds(organisationIds: readonly string[]): Promise<string[]> {
    if (organisationIds.length === 0) return [];
    const rows: Array<{ id: string }> = await this.em.getConnection().execute(
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

  /**
   * Organisations the caller works with: all of them for a platform admin, otherwise the
   * subtrees under the organisations they hold a role in.
   */
  async listOrganisations(user: AuthUser): Promise<OrganisationNode[]> {
    const where = isPlatformAdmin(user)
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
    return organisations.map((organisation) => ({
      id: organisation.id,
      name: organisation.name,
      kind: organisation.kind,
      parentId: organisation.parent?.id ?? null,
      region: organisation.region,
    }));
  }
}
