import 'reflect-metadata';
import { ConfigError, loadConfig } from './common/config/app-config';
import { DEMO_PASSWORD } from './modules/demo/demo-seed';
import { type RunningServer, startServer } from './server';

function printWelcome(server: RunningServer): void {
  const lines = [`Jingsai (竞赛) is ready on ${server.url}  [database: ${server.database.mode}]`];
  if (server.migrationsApplied.length > 0)
    lines.push(`Migrations applied: ${server.migrationsApplied.join(', ')}`);
  if (server.firstAdmin) {
    lines.push(
      '',
      'First platform admin (shown once; change the password at first sign-in):',
      `  username: ${server.firstAdmin.username}   password: ${server.firstAdmin.password}`,
    );
  }
  if (server.demoLogins) {
    lines.push('', `Demo competition seeded. Demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const login of server.demoLogins)
      lines.push(`  ${login.username.padEnd(18)} ${login.description}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const server = await startServer(config);
  printWelcome(server);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`Received ${signal}, shutting down…\n`);
    server
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exit(1);
      });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Jingsai failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
