/** The CLI's one error handler: a localized message (and field list) for coded errors; exit codes 2 = refused, 1 = failed. */
import { CommanderError } from 'commander';
import { isKesuError } from '../errors.ts';
import { formatError } from '../notifiers/i18n/index.ts';

export function reportError(e: unknown, opts: { lang?: string }): number {
  if (e instanceof CommanderError) return e.exitCode;
  const locale = opts.lang === 'en' ? 'en' : opts.lang === 'zh-CN' ? 'zh-CN' : process.env.KESU_LANG === 'en' ? 'en' : 'zh-CN';
  if (isKesuError(e)) {
    const { message, fields } = formatError(e, locale);
    process.stderr.write(`kesu: ${message}\n`);
    for (const [field, msg] of Object.entries(fields)) process.stderr.write(`  ${field}: ${msg}\n`);
    if (e.code === 'config_invalid' && e.message) process.stderr.write(`${e.message}\n`);
    return e.code === 'database_unavailable' || e.code === 'migration_failed' ? 1 : 2;
  }
  process.stderr.write(`kesu: ${e instanceof Error ? e.message : String(e)}\n`);
  return 1;
}
