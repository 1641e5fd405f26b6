/**
 * Logs (pino) to stderr, so command output on stdout stays clean: one human line per entry when stderr
 * is a terminal, JSON lines otherwise (a log collector); LOG_FORMAT (or KESU_LOG_FORMAT) =pretty|json decides instead.
 * Human lines show times in the organisation's time zone once it is known (setLogTimeZone).
 * Never log tokens or customer personal data: log complaint numbers and person keys only.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export type LogFormat = 'pretty' | 'json';

/** LOG_FORMAT (or KESU_LOG_FORMAT) when set to pretty or json; otherwise pretty on a terminal, JSON when piped or redirected. */
export function logFormat(env: NodeJS.ProcessEnv = process.env, terminal = !!process.stderr.isTTY): LogFormat {
  const asked = (env.LOG_FORMAT || env.KESU_LOG_FORMAT)?.trim().toLowerCase();
  if (asked === 'pretty' || asked === 'json') return asked;
  return terminal ? 'pretty' : 'json';
}

let timeZone: string | undefined;

/** Human log lines show local times of this zone from now on (the organisation's, once the config is read). */
export function setLogTimeZone(zone: string): void {
  timeZone = zone;
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
const HIDDEN = new Set(['level', 'time', 'msg', 'app', 'pid', 'hostname']);
const MAX_VALUE = 160;

/** `2026-03-02 09:30:05` in `zone` (the system's when none is set). */
export function localTime(at: Date | number, zone = timeZone): string {
  return new Intl.DateTimeFormat('sv-SE', { ...(zone ? { timeZone: zone } : {}), dateStyle: 'short', timeStyle: 'medium' }).format(at);
}

function valueText(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  const clean = /[\s"=]/.test(text) && typeof v === 'string' ? JSON.stringify(text) : text;
  return clean.length > MAX_VALUE ? `${clean.slice(0, MAX_VALUE - 1)}…` : clean;
}

/** One log entry as a line a person reads: local time, level, message, then its fields as key=value (an error's stack below it). */
export function humanLine(entry: Record<string, unknown>, zone = timeZone): string {
  const level = LEVELS[Number(entry.level)] ?? String(entry.level);
  const fields: string[] = [];
  let stack = '';
  for (const [key, value] of Object.entries(entry)) {
    if (HIDDEN.has(key) || value === undefined) continue;
    const err = value as { message?: unknown; stack?: unknown } | null;
    if ((key === 'err' || key === 'error') && err && typeof err === 'object' && typeof err.message === 'string') {
      fields.push(`${key}=${valueText(err.message)}`);
      if (typeof err.stack === 'string' && Number(entry.level) >= 50) stack = `\n    ${err.stack.split('\n').slice(1, 8).join('\n    ').trim()}`;
      continue;
    }
    fields.push(`${key}=${valueText(value)}`);
  }
  const at = typeof entry.time === 'number' ? localTime(entry.time, zone) : '';
  return `${at} ${level} ${String(entry.msg ?? '')}${fields.length ? `  ${fields.join(' ')}` : ''}${stack}\n`;
}

const REDACT = { paths: ['*.token', '*.secret', '*.password', '*.contact'], censor: '[redacted]' };

export function createLogger(level = process.env.LOG_LEVEL ?? 'info', format: LogFormat = logFormat()): Logger {
  const options = { level, base: { app: 'kesu' }, redact: REDACT };
  if (format === 'json') return pino(options, pino.destination(2));
  // Synchronous, in this process: a human line per entry, written as it comes.
  const pretty = { write: (line: string) => void process.stderr.write(humanLine(JSON.parse(line) as Record<string, unknown>)) };
  return pino(options, pretty);
}
