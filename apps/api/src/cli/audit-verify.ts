import 'reflect-metadata';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../common/config/app-config';
import { openDatabaseTarget } from '../common/database/database-target';
import { ormOptions } from '../common/database/orm-options';
import { ChainVerifier } from '../modules/judging/chain-verifier.service';

/**
 * `npm run audit:verify -- <eventId>`: walks the event's hash chain of marks, sheet status
 * changes and head-judge reviews against DATABASE_URL (or the embedded database) and prints
 * every altered, deleted or inserted row. Exit 0: intact; 1: problems found; 2: usage or error.
 */
async function main(): Promise<number> {
  const eventId = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
  const json = process.argv.includes('--json');
  if (!eventId || !/^[0-9a-f-]{36}$/i.test(eventId)) {
    process.stderr.write(
      'usage: npm run audit:verify -- <eventId> [--json]\n用法：npm run audit:verify -- <项目 ID> [--json]\n',
    );
    return 2;
  }
  const database = await openDatabaseTarget(loadConfig());
  try {
    const orm = await MikroORM.init(ormOptions(database.url));
    try {
      const result = await new ChainVerifier(orm.em.fork() as EntityManager).verify(eventId);
      if (json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        process.stdout.write(
          `event ${eventId}: ${result.rows} chained rows, head #${result.headSeq} ${result.headHash ?? '-'}\n`,
        );
        for (const problem of result.problems) {
          process.stdout.write(
            `  ${problem.kind.padEnd(13)} #${problem.seq ?? '-'} ${problem.table} ${problem.rowId ?? ''} — ${problem.message.zh} / ${problem.message.en}\n`,
          );
        }
        process.stdout.write(
          result.ok
            ? '审计链完整 / chain intact\n'
            : `审计链异常：${result.problems.length} 处 / chain broken: ${result.problems.length} problem(s)\n`,
        );
      }
      return result.ok ? 0 : 1;
    } finally {
      await orm.close();
    }
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
