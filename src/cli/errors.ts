/**
 * The CLI's one error handler: a localized message (and field list) for coded errors; exit codes 2 =
 * refused, 1 = failed. Whoever reads these runs Kesu: they say what to do, never "ask the administrator".
 */
import { hostname } from 'node:os';
import { CommanderError } from 'commander';
import type { Locale } from '../config/schema.ts';
import { isKesuError, type KesuError } from '../errors.ts';
import { formatError, translator } from '../notifiers/i18n/index.ts';

/** The running copy's pid and host, from its engine lease owner (`host:pid:nonce`). */
function holder(owner: unknown): { host: string; pid: string } | undefined {
  const m = /^(.*):(\d+):[^:]*$/.exec(String(owner ?? ''));
  return m ? { host: m[1]!, pid: m[2]! } : undefined;
}

/** What the person running Kesu should read for errors that the people using it read differently. */
function operatorMessage(e: KesuError, locale: Locale, message: string): string[] {
  const t = (key: string, params?: Record<string, unknown>) => translator().t(locale, `console.startup.${key}`, params);
  const p = e.params;
  switch (e.code) {
    case 'config_invalid':
      if (p.variables === 'PORT' && p.port !== undefined) {
        const port = Number(p.port);
        return [t(p.reason === 'EACCES' ? 'portDenied' : 'portInUse', { port, host: p.host, next: port > 0 && port < 65_535 ? port + 1 : 3001 })];
      }
      return [t('configInvalid', { detail: `${String(p.file ?? p.variables ?? '?')}${p.problems !== undefined ? ` × ${p.problems}` : ''}` })];
    case 'migration_failed':
      return [t('migrationFailed')];
    case 'calendar_not_covered':
      return [t('calendarNotCovered', { year: p.year })];
    case 'engine_running': {
      const who = holder(p.owner);
      return [
        message,
        ...(p.consoleUrl ? [t('runningConsole', { url: p.consoleUrl })] : []),
        ...(who ? [t('howToStop', { pid: who.pid, where: who.host === hostname() ? '' : t('onHost', { host: who.host }) })] : []),
      ];
    }
    default:
      return [message];
  }
}

export function reportError(e: unknown, opts: { lang?: string }): number {
  if (e instanceof CommanderError) return e.exitCode;
  const locale = opts.lang === 'en' ? 'en' : opts.lang === 'zh-CN' ? 'zh-CN' : process.env.KESU_LANG === 'en' ? 'en' : 'zh-CN';
  if (isKesuError(e)) {
    const { message, fields } = formatError(e, locale);
    for (const line of operatorMessage(e, locale, message)) process.stderr.write(`kesu: ${line}\n`);
    for (const [field, msg] of Object.entries(fields)) process.stderr.write(`  ${field}: ${msg}\n`);
    if (e.code === 'config_invalid' && e.message && e.params.port === undefined) process.stderr.write(`${e.message}\n`);
    return e.code === 'database_unavailable' || e.code === 'migration_failed' ? 1 : 2;
  }
  process.stderr.write(`kesu: ${e instanceof Error ? e.message : String(e)}\n`);
  return 1;
}
