import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ChainProblem, ChainVerification } from '@jingsai/contracts';
import { CHAIN_COLUMNS, CHAIN_TABLES, type ChainTable, chainHash, GENESIS_HASH } from './chain';
import { sql } from './judging-sql';

const PAGE = 5000;

interface ChainedRow {
  table: ChainTable;
  row: Record<string, unknown>;
  seq: bigint | null;
}

/**
 * Walks an event's hash chain from the first place to the head and reports every row that was
 * altered (its hash no longer matches), deleted (a place is missing) or inserted (a place taken
 * twice, a row outside the chain or a link that does not follow), and a head that disagrees.
 */
@Injectable()
export class ChainVerifier {
  constructor(private readonly em: EntityManager) {}

  async verify(eventId: string, em: EntityManager = this.em): Promise<ChainVerification> {
    const problems: ChainProblem[] = [];
    const [head] = await sql<{ seq: string; hash: string }>(
      em,
      'select seq, hash from judging_chain_head where event_id = ?',
      [eventId],
    );
    const headSeq = head ? BigInt(head.seq) : 0n;
    let expectedSeq = 1n;
    let previous = GENESIS_HASH;
    let rows = 0;
    let after = 0n;
    let headHashSeen: string | null = null;
    for (;;) {
      const page = await this.page(em, eventId, after);
      if (page.length === 0) break;
      for (const item of page) {
        rows++;
        const id = String(item.row['id']);
        const seq = item.seq;
        if (seq === null) {
          problems.push(problem('inserted', null, item.table, id));
          continue;
        }
        if (seq < expectedSeq) {
          problems.push(problem('inserted', seq, item.table, id));
          continue;
        }
        let gap = false;
        while (seq > expectedSeq) {
          problems.push(problem('deleted', expectedSeq, item.table, null));
          expectedSeq++;
          gap = true;
        }
        const recomputed = chainHash(String(item.row['prev_hash']), item.table, item.row);
        if (head && seq > headSeq) {
          // Beyond the head: written outside the chain writer.
          problems.push(problem('inserted', seq, item.table, id));
        } else if (recomputed !== item.row['hash']) {
          problems.push(problem('altered', seq, item.table, id));
        } else if (!gap && item.row['prev_hash'] !== previous) {
          problems.push(problem('reordered', seq, item.table, id));
        }
        if (seq === headSeq) headHashSeen = String(item.row['hash']);
        previous = String(item.row['hash']);
        expectedSeq = seq + 1n;
      }
      after = page[page.length - 1]!.seq ?? after;
      if (page.length < PAGE) break;
    }
    const lastSeq = expectedSeq - 1n;
    if (lastSeq < headSeq) {
      for (let seq = lastSeq + 1n; seq <= headSeq && seq <= lastSeq + 100n; seq++) {
        problems.push(problem('deleted', seq, 'judging_chain_head', null));
      }
    } else if (head && headSeq > 0n && headHashSeen !== head.hash) {
      problems.push(problem('head_mismatch', headSeq, 'judging_chain_head', eventId));
    } else if (!head && rows > 0) {
      problems.push(problem('head_mismatch', null, 'judging_chain_head', eventId));
    }
    return {
      eventId,
      ok: problems.length === 0,
      rows,
      headSeq: Number(headSeq),
      headHash: head?.hash ?? null,
      checkedAt: new Date().toISOString(),
      problems,
    };
  }

  /** The next rows of the chain after `after`, from all chained tables, in chain order. */
  private async page(em: EntityManager, eventId: string, after: bigint): Promise<ChainedRow[]> {
    const parts = await Promise.all(
      CHAIN_TABLES.map(async (table) => {
        const columns = [...CHAIN_COLUMNS[table], 'prev_hash', 'hash'].join(', ');
        const found = await sql<Record<string, unknown>>(
          em,
          `select ${columns} from ${table}
            where event_id = ? and (seq > ? or seq is null) order by seq nulls first limit ${PAGE}`,
          [eventId, after.toString()],
        );
        return found.map((row) => ({
          table,
          row,
          seq: row['seq'] === null ? null : BigInt(String(row['seq'])),
        }));
      }),
    );
    const merged = parts.flat().sort((a, b) => {
      if (a.seq === null || b.seq === null) return a.seq === null ? -1 : 1;
      return a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0;
    });
    // Only the rows up to the smallest last seq of a full page are certainly complete.
    const limits = parts
      .filter((part) => part.length === PAGE)
      .map((part) => part[part.length - 1]!.seq ?? 0n);
    if (limits.length === 0) return merged;
    const limit = limits.reduce((a, b) => (a < b ? a : b));
    return merged.filter((item) => item.seq === null || item.seq <= limit);
  }
}

const MESSAGES: Record<ChainProblem['kind'], { zh: string; en: string }> = {
  altered: {
    zh: '记录内容被修改（哈希不符）',
    en: 'The row was altered (its hash does not match)',
  },
  deleted: { zh: '链中缺少记录（被删除）', en: 'A row is missing from the chain (deleted)' },
  inserted: {
    zh: '出现链外或重复位置的记录（被插入）',
    en: 'A row outside the chain or at a taken place (inserted)',
  },
  reordered: { zh: '记录与前一条不衔接', en: 'The row does not follow the previous one' },
  head_mismatch: { zh: '链头与最后一条记录不符', en: 'The chain head does not match the last row' },
};

function problem(
  kind: ChainProblem['kind'],
  seq: bigint | null,
  table: ChainProblem['table'],
  rowId: string | null,
): ChainProblem {
  return { kind, seq: seq === null ? null : Number(seq), table, rowId, message: MESSAGES[kind] };
}
