import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * The whole runtime configuration, validated once at boot. Nothing else in the API reads
 * `process.env`: everything asks for `AppConfig` through Nest's injector (token APP_CONFIG).
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const postgresUrl = z
  .string()
  .url()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), {
    message: 'must be a postgres:// or postgresql:// URL',
  });

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z
    .string()
    .url()
    .refine((value) => /^rediss?:\/\//.test(value), { message: 'must be a redis:// URL' })
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DATA_ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 random bytes in base64url (43 characters)')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  DEMO_SEED: booleanFlag.default(true),
  TRUST_PROXY: booleanFlag.default(false),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/i, 'must look like 256kb or 2mb')
    .default('1mb'),
});

export type RawConfig = z.infer<typeof ConfigSchema>;

export interface AppConfig {
  port: number;
  host: string;
  /** Set when the operator gives a Postgres server; undefined → embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  sessionSecret: string;
  /** 32-byte key encrypting personal documents at rest (AES-256-GCM) and keying their lookup hash. */
  dataEncryptionKey: Buffer;
  logLevel: RawConfig['LOG_LEVEL'];
  publicUrl: string;
  demoSeed: boolean;
  trustProxy: boolean;
  bodyLimit: string;
  /** Where the built web app lives; served at `/` when present. */
  webRoot: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; throws ConfigError naming each bad variable. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): RawConfig {
  // Empty strings count as unset, as operators often write `REDIS_URL=` in env files.
  const present = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = ConfigSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        return `${name}: ${issue.message} (got ${JSON.stringify(env[name])})`;
      }),
    );
  }
  return result.data;
}

/**
 * A secret from the environment or, when absent, from `<dataDir>/<file>`, generated on first
 * start so it survives restarts. Several API processes must share the same value: set the
 * variable (or share the file) when running more than one.
 */
function resolveSecret(
  given: string | undefined,
  dataDir: string,
  file: string,
  bytes: number,
): string {
  if (given) return given;
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(bytes).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd = process.cwd(),
): AppConfig {
  const raw = parseConfig(env);
  const dataDir = isAbsolute(raw.DATA_DIR) ? raw.DATA_DIR : resolve(cwd, raw.DATA_DIR);
  return {
    port: raw.PORT,
    host: raw.HOST,
    databaseUrl: raw.DATABASE_URL,
    dataDir,
    redisUrl: raw.REDIS_URL,
    sessionSecret: resolveSecret(raw.SESSION_SECRET, dataDir, 'session-secret', 48),
    dataEncryptionKey: Buffer.from(
      resolveSecret(raw.DATA_ENCRYPTION_KEY, dataDir, 'data-key', 32),
      'base64url',
    ),
    logLevel: raw.LOG_LEVEL,
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ''),
    demoSeed: raw.DEMO_SEED,
    trustProxy: raw.TRUST_PROXY,
    bodyLimit: raw.BODY_LIMIT,
    webRoot: resolve(__dirname, '../../../../web/dist'),
  };
}
