import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { exportTable } from '../../commands/export.ts';
import { monthRange } from '../../commands/parse-command.ts';
import { KesuError } from '../../errors.ts';
import { translator } from '../../notifiers/i18n/index.ts';
import { tableToCsv, tableToXlsx } from '../../notifiers/render/table.ts';
import { actorFor, globals, localeOf, withCore } from '../context.ts';
import { out } from '../io.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const invalid = (field: string) => new KesuError('validation_failed', { fields: field }, { fields: [{ field, key: 'invalid' }] });

export function register(program: Command): void {
  program
    .command('export')
    .description('write the complaint tracking table (.xlsx or UTF-8 CSV) for a month or a date range')
    .option('--month <YYYY-MM>', 'the month (default: this month)')
    .option('--from <YYYY-MM-DD>', 'first day (with --to)')
    .option('--to <YYYY-MM-DD>', 'last day')
    .option('--dept <department>', 'one department')
    .option('--as <person>', 'export as this person: only what they may see, contact data masked where they may not see it')
    .requiredOption('--out <file>', 'the file to write; .csv writes CSV, anything else .xlsx')
    .action(async (opts: { month?: string; from?: string; to?: string; dept?: string; as?: string; out: string }, cmd: Command) => {
      if (opts.month && !MONTH.test(opts.month)) throw invalid('month');
      if ((opts.from && !DAY.test(opts.from)) || (opts.to && !DAY.test(opts.to)) || Boolean(opts.from) !== Boolean(opts.to)) throw invalid('from');
      const g = globals(cmd);
      await withCore(async (core) => {
        if (opts.dept && !core.deps.directory.department(opts.dept)) throw new KesuError('unknown_department', { key: opts.dept });
        const month = opts.month ?? core.deps.calendar.localDate(core.deps.clock.now()).slice(0, 7);
        const range = opts.from && opts.to ? { from: opts.from, to: opts.to } : monthRange(month);
        const locale = localeOf(core, g);
        const actor = opts.as ? actorFor(core, opts.as, locale) : undefined;
        const table = await exportTable(core.deps, actor, { ...range, ...(opts.dept ? { department: opts.dept } : {}) });
        writeFileSync(opts.out, opts.out.toLowerCase().endsWith('.csv') ? tableToCsv(table) : await tableToXlsx(table));
        out(translator().t(locale, 'export.written', { file: opts.out, n: table.rows.length }));
      });
    });
}
