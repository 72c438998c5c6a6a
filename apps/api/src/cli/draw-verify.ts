import { DrawRecord } from '@jingsai/contracts';
import { readFileSync } from 'node:fs';
import { checkDrawRecord } from '../modules/draw/draw-plan';
import { parseFlags, runCli } from './run-cli';

/**
 * `node apps/api/dist/cli/draw-verify.js record.json [--seed 731502]`: recomputes a draw from
 * its record (GET …/draws/:drawId/record) without the platform or its database, and says whether
 * the recorded result follows from the seed. Exit code 0 when it does, 1 when not.
 */
runCli(async () => {
  const args = process.argv.slice(2);
  const file = args.find((arg) => !arg.startsWith('--'));
  if (!file) throw new Error('usage: draw-verify <record.json> [--seed <seed>]');
  const parsed = DrawRecord.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a draw record: ${parsed.error.message}`);
  const seed = parseFlags(args).get('seed') || undefined;
  const result = checkDrawRecord(parsed.data, seed);
  process.stdout.write(
    [
      `draw ${parsed.data.drawId}, seed ${result.seed}`,
      `recorded digest   ${result.recordedDigest}`,
      `recomputed digest ${result.recomputedDigest ?? '(none)'}`,
      ...result.problems.slice(0, 20),
      result.matches ? 'OK: the recorded result follows from the seed' : 'MISMATCH',
      '',
    ].join('\n'),
  );
  if (!result.matches) throw new Error('the draw record does not match its seed');
});
