/**
 * Deployment settings and secrets from the environment (and an optional `.env` file in the working
 * directory; real environment variables win). Secret values never appear in error messages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { KesuError } from '../errors.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type DatabaseProvider = 'sqlite' | 'postgresql';

export interface Settings {
  /** Normalised: `file:<absolute path>` for SQLite, the URL as given for PostgreSQL. */
  databaseUrl: string;
  databaseProvider: DatabaseProvider;
  /** Absolute path of the SQLite database file (SQLite only). */
  sqlitePath?: string;
  /** Absolute path of the organisation config file. */
  configPath: string;
  /** HTTP port of the console and the webhooks (`PORT`, default 3000; 0 picks a free port). */
  port: number;
  /** `KESU_CONSOLE`: `auto` (the local console when no chat platform is set up), `on` (always too), `off`. */
  console: 'auto' | 'on' | 'off';
  /** `KESU_CONSOLE_HOST`: where the console listens when it runs alone; loopback by default, since it has no login. */
  consoleHost: string;
  /** `HOST`: where the server listens when it receives webhooks (Slack HTTP mode); default 0.0.0.0. */
  host: string;
  logLevel: LogLevel;
  /** Delivery attempts before a notification is dead-lettered (`KESU_DELIVERY_MAX_ATTEMPTS`, default 8). */
  deliveryMaxAttempts: number;
  slack: { botToken?: string; appToken?: string; signingSecret?: string; apiUrl?: string };
  /** `domain`: `feishu`, `lark`, or a custom base URL. */
  feishu: { appId?: string; appSecret?: string; encryptKey?: string; verificationToken?: string; domain?: string };
  /** Where the `.env` file was read from, if one was. */
  envFile?: string;
}

/** `sqlite` for `file:` URLs, `postgresql` for `postgres://` / `postgresql://`; throws for anything else. */
export function databaseProvider(url: string): DatabaseProvider {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgresql';
  throw settingsError([{ name: 'DATABASE_URL', what: DB_URL_HINT }]);
}

/** The absolute SQLite file path of a `file:` URL (`file:./data/kesu.db`, `file:/abs`, `file:///abs`), relative paths against `cwd`. */
export function sqliteFilePath(url: string, cwd = process.cwd()): string {
  if (!url.startsWith('file:')) throw settingsError([{ name: 'DATABASE_URL', what: 'is not a file: URL (SQLite)' }]);
  const withoutQuery = url.split('?')[0]!;
  let path: string;
  try {
    path = withoutQuery.startsWith('file://') ? fileURLToPath(withoutQuery) : withoutQuery.slice('file:'.length);
  } catch {
    throw settingsError([{ name: 'DATABASE_URL', what: 'is not a valid file: URL; use file:./data/kesu.db or file:/absolute/path' }]);
  }
  if (!path) throw settingsError([{ name: 'DATABASE_URL', what: 'file: needs a path, e.g. file:./data/kesu.db' }]);
  return isAbsolute(path) ? path : resolve(cwd, path);
}

const DB_URL_HINT = 'must be a SQLite file URL (file:./data/kesu.db) or a PostgreSQL URL (postgresql://user:password@host:5432/kesu)';

/** Empty strings count as unset, so a copied `.env.example` with blank values changes nothing. */
const optional = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().optional());
const httpUrl = optional.refine((v) => v === undefined || /^https?:\/\/[^\s/]+/i.test(v), 'must be an http:// or https:// URL');

const EnvSchema = z.object({
  DATABASE_URL: optional.refine((v) => {
    if (v === undefined) return true;
    if (v.startsWith('file:')) return v.length > 'file:'.length && v !== 'file://';
    if (!/^postgres(ql)?:\/\//i.test(v)) return false;
    try {
      return new URL(v).hostname !== '';
    } catch {
      return false;
    }
  }, DB_URL_HINT),
  KESU_CONFIG: optional,
  PORT: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number({ error: 'must be a port number' }).int('must be a whole number').min(0, 'must be 0–65535').max(65535, 'must be 0–65535').default(3000),
  ),
  KESU_CONSOLE: z.preprocess(
    (v) => (typeof v === 'string' ? ({ '1': 'on', true: 'on', yes: 'on', '0': 'off', false: 'off', no: 'off' } as Record<string, string>)[v.trim().toLowerCase()] ?? (v.trim().toLowerCase() || undefined) : v),
    z.enum(['auto', 'on', 'off'], { error: 'must be auto, on or off' }).default('auto'),
  ),
  KESU_CONSOLE_HOST: optional,
  HOST: optional,
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
  KESU_DELIVERY_MAX_ATTEMPTS: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1–100').max(100, 'must be 1–100').default(8),
  ),
  SLACK_BOT_TOKEN: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_URL: httpUrl,
  // The shape the Lark SDK itself requires: its WSClient refuses other ids, only logging it.
  FEISHU_APP_ID: optional.refine(
    (v) => v === undefined || /^cli_[0-9a-f]{16}$/i.test(v),
    "must be cli_ followed by 16 hexadecimal characters, e.g. cli_a1b2c3d4e5f60718 (the App ID on the Feishu app's Credentials & Basic Info page)",
  ),
  FEISHU_APP_SECRET: optional,
  FEISHU_ENCRYPT_KEY: optional,
  FEISHU_VERIFICATION_TOKEN: optional,
  FEISHU_DOMAIN: optional.refine(
    (v) => v === undefined || /^(feishu|lark)$/i.test(v) || /^https?:\/\/[^\s/]+/i.test(v),
    'must be feishu, lark, or a base URL such as https://open.feishu.cn',
  ),
});

/** Read settings from `env` plus `<cwd>/.env` (real environment variables win); throws KesuError('config_invalid'). */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Settings {
  const envFile = resolve(cwd, '.env');
  let fromFile: Record<string, string> = {};
  if (existsSync(envFile)) {
    try {
      fromFile = parseDotenv(readFileSync(envFile));
    } catch (e) {
      throw new KesuError('config_invalid', { file: '.env' }, { message: `.env: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, cause: e });
    }
  }
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) merged[k] = v;

  const parsed = EnvSchema.safeParse(merged);
  if (!parsed.success) {
    throw settingsError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? '(environment)');
        const source = env[name] === undefined && name in fromFile ? '.env' : 'environment';
        return { name, what: i.message, source };
      }),
    );
  }
  const e = parsed.data;
  const rawDb = e.DATABASE_URL ?? `file:${resolve(cwd, 'data', 'kesu.db')}`;
  const provider = databaseProvider(rawDb);
  const sqlitePath = provider === 'sqlite' ? sqliteFilePath(rawDb, cwd) : undefined;
  const query = rawDb.includes('?') ? rawDb.slice(rawDb.indexOf('?')) : '';
  return {
    databaseUrl: sqlitePath ? `file:${sqlitePath}${query}` : rawDb,
    databaseProvider: provider,
    ...(sqlitePath ? { sqlitePath } : {}),
    configPath: resolve(cwd, e.KESU_CONFIG ?? 'kesu.config.yaml'),
    port: e.PORT,
    console: e.KESU_CONSOLE,
    consoleHost: e.KESU_CONSOLE_HOST ?? '127.0.0.1',
    host: e.HOST ?? '0.0.0.0',
    logLevel: e.LOG_LEVEL,
    deliveryMaxAttempts: e.KESU_DELIVERY_MAX_ATTEMPTS,
    slack: prune({ botToken: e.SLACK_BOT_TOKEN, appToken: e.SLACK_APP_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, apiUrl: e.SLACK_API_URL }),
    feishu: prune({
      appId: e.FEISHU_APP_ID,
      appSecret: e.FEISHU_APP_SECRET,
      encryptKey: e.FEISHU_ENCRYPT_KEY,
      verificationToken: e.FEISHU_VERIFICATION_TOKEN,
      domain: e.FEISHU_DOMAIN && /^(feishu|lark)$/i.test(e.FEISHU_DOMAIN) ? e.FEISHU_DOMAIN.toLowerCase() : e.FEISHU_DOMAIN,
    }),
    ...(existsSync(envFile) ? { envFile } : {}),
  };
}

function prune<T extends Record<string, string | undefined>>(o: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: string };
}

/** Messages name the variable and what is wrong — never its value. */
function settingsError(problems: { name: string; what: string; source?: string }[]): KesuError {
  const lines = problems.map((p) => `${p.source ?? 'environment'}: ${p.name}: ${p.what}`);
  return new KesuError('config_invalid', { variables: problems.map((p) => p.name).join(', ') }, {
    message: `Invalid settings (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    fields: problems.map((p) => ({ field: p.name, key: 'config_invalid', params: { message: p.what } })),
  });
}
