import 'reflect-metadata';
import { Password, Username } from '@jingsai/contracts';
import { MikroORM } from '@mikro-orm/postgresql';
import { migrate } from '../app.factory';
import { loadConfig } from '../common/config/app-config';
import { openDatabaseTarget } from '../common/database/database-target';
import { ormOptions } from '../common/database/orm-options';
import { temporaryPassword } from '../modules/auth/password';
import { createPlatformAdmin } from '../modules/users/first-admin';
import { parseFlags, runCli } from './run-cli';

/**
 * `npm run admin:create -- [--username admin] [--password …]`: creates a platform admin, or makes
 * an existing user one and sets the password. Without --password a one-time password is generated,
 * printed, and must be changed at first sign-in.
 */
runCli(async () => {
  const flags = parseFlags(process.argv.slice(2));
  const username = Username.parse(flags.get('username') || 'admin');
  const given = flags.get('password');
  if (given !== undefined) {
    const check = Password.safeParse(given);
    if (!check.success) {
      throw new Error(`--password: ${check.error.issues.map((issue) => issue.message).join('; ')}`);
    }
  }
  const password = given || temporaryPassword();
  const database = await openDatabaseTarget(loadConfig());
  try {
    const orm = await MikroORM.init(ormOptions(database.url));
    try {
      await migrate(orm);
      await createPlatformAdmin(orm.em.fork(), username, password, !given);
    } finally {
      await orm.close();
    }
  } finally {
    await database.close();
  }
  process.stdout.write(
    given
      ? `Platform admin "${username}" is ready.\n`
      : `Platform admin "${username}" is ready. One-time password: ${password}\n(change it at first sign-in)\n`,
  );
});
