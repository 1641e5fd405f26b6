import type { Command } from 'commander';
import { list } from '../../commands/query.ts';
import { KesuError } from '../../errors.ts';
import { STATUSES, type Status } from '../../workflows/model.ts';
import { globals, localeOf, withCore } from '../context.ts';
import { out, toJson } from '../io.ts';
import { presentList } from '../present.ts';

export function register(program: Command): void {
  program
    .command('list')
    .description('list complaints')
    .option('--status <statuses>', `comma-separated: ${STATUSES.join(', ')}`)
    .option('--dept <department>', 'department key')
    .option('--overdue', 'only complaints with a deadline past due now')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean; status?: string; dept?: string; overdue?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const status = opts.status?.split(',').map((s) => s.trim()) ?? [];
      const bad = status.find((s) => !(STATUSES as readonly string[]).includes(s));
      if (bad) throw new KesuError('validation_failed', { fields: 'status' }, { fields: [{ field: 'status', key: 'invalid_choice' }] });
      await withCore(async (core) => {
        if (opts.dept && !core.deps.directory.department(opts.dept)) throw new KesuError('unknown_department', { key: opts.dept });
        const states = await list(core.deps, undefined, {
          status: status as Status[],
          department: opts.dept,
          overdueAt: opts.overdue ? core.deps.clock.now() : undefined,
        });
        if (opts.json) out(toJson(states));
        else out(presentList(core, states, localeOf(core, g)));
      });
    });
}
