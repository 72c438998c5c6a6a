import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('configuration', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'jingsai-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops boot with a message naming each bad variable', () => {
    const attempt = () =>
      loadConfig({
        DATA_DIR: dataDir,
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const { problems } = error as ConfigError;
      expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
        'DATABASE_URL',
        'LOG_LEVEL',
        'PORT',
      ]);
      expect((error as Error).message).toContain('"eighty"');
    }
  });

  it('refuses a short session secret', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: 'short' })).toThrow(
      /SESSION_SECRET: must be at least 32/,
    );
  });

  it('uses defaults, treating empty values as unset', () => {
    const config = loadConfig({ DATA_DIR: dataDir, REDIS_URL: '', PORT: '' });
    expect(config).toMatchObject({
      port: 3000,
      redisUrl: undefined,
      databaseUrl: undefined,
      demoSeed: true,
      publicUrl: 'http://localhost:3000',
    });
  });

  it('generates a session secret once and keeps it under the data folder', () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    const file = join(dataDir, 'session-secret');
    expect(existsSync(file)).toBe(true);
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.sessionSecret);
    expect(loadConfig({ DATA_DIR: dataDir }).sessionSecret).toBe(first.sessionSecret);
  });

  it('prefers a given secret and parses flags', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      SESSION_SECRET: 's'.repeat(40),
      DEMO_SEED: 'false',
      TRUST_PROXY: 'yes',
      PUBLIC_URL: 'https://jingsai.example.cn/',
    });
    expect(config).toMatchObject({
      sessionSecret: 's'.repeat(40),
      demoSeed: false,
      trustProxy: true,
      publicUrl: 'https://jingsai.example.cn',
    });
    expect(existsSync(join(dataDir, 'session-secret'))).toBe(false);
  });
});
