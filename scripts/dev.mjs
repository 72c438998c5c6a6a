// `npm run dev`: the API recompiled and restarted on every change (port 3000) and Vite's dev
// server with hot reload (port 5173) proxying /api and /socket.io to it. Ctrl-C stops both.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (command, args, options = {}) =>
  spawn(command, args, { stdio: 'inherit', shell: false, ...options });

const built = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=contracts,scoring', '--output-style=static'], {
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);

const children = [];
const compile = run('npx', ['tsc', '-p', 'apps/api/tsconfig.app.json', '--watch', '--preserveWatchOutput']);
children.push(compile);

// Start the API once the first compilation has produced main.js, then let node restart it on change.
const waitForBuild = setInterval(() => {
  if (!existsSync('apps/api/dist/main.js')) return;
  clearInterval(waitForBuild);
  children.push(run('node', ['--watch', '--watch-preserve-output', 'apps/api/dist/main.js'], { env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' } }));
  children.push(run('npx', ['vite'], { cwd: 'apps/web' }));
  console.log('\nAPI on http://localhost:3000, web with hot reload on http://localhost:5173\n');
}, 500);

const stop = () => {
  clearInterval(waitForBuild);
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
