import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';

/**
 * Raw SQL with real bind parameters ($1…) through the EntityManager's connection or its open
 * transaction (the hot paths of judging: marks, the chain, standings).
 */
export async function sql<T = Record<string, unknown>>(
  em: EntityManager,
  query: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  const knex = em.getTransactionContext<Knex.Transaction>() ?? em.getKnex();
  const result = (await knex.raw(query, params as Knex.RawBinding[])) as { rows: T[] };
  return result.rows;
}

/** Timestamps arrive from raw SQL as text ("2026-11-21 15:35:00.123+00"); as ISO 8601. */
export function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

export function isoOrNull(value: Date | string | null | undefined): string | null {
  return value === null || value === undefined ? null : iso(value);
}
