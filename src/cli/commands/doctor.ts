import type { Command } from 'commander';
import { databaseProvider } from '../../config/env.ts';
import { checkDrift } from '../../store/migrate.ts';
import { outboxCounts } from '../../store/outbox.ts';
import { withCore } from '../context.ts';
import { out, toJson } from '../io.ts';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export function register(program: Command): void {
  program
    .command('doctor')
    .description('check the config, the database and the working calendar')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withCore(async (core) => {
        const { config, deps, settings } = core;
        const checks: Check[] = [];
        checks.push({
          name: 'config',
          ok: true,
          detail: `${settings.configPath}: ${config.departments.length} departments, ${config.people.length} people, ${config.categories.length} categories`,
        });
        const drift = await checkDrift(deps.db);
        checks.push({
          name: 'database',
          ok: drift.inSync,
          detail: `${databaseProvider(settings.databaseUrl)}; ${drift.inSync ? 'schema matches prisma/schema.prisma' : 'schema drift:\n' + drift.script}`,
        });
        const year = Number(deps.calendar.localDate(deps.clock.now()).slice(0, 4));
        const { from, to } = deps.calendar.coveredYears;
        checks.push({
          name: 'calendar',
          ok: deps.calendar.covers(year),
          detail: `China holiday data ${from}–${to}${deps.calendar.covers(year + 1) ? '' : `; ${year + 1} not covered yet — add it under calendar: when the State Council publishes it`}`,
        });
        const outbox = await outboxCounts(deps.db.prisma);
        const dead = outbox.dead ?? 0;
        checks.push({
          name: 'outbox',
          ok: dead === 0,
          detail: `${outbox.pending ?? 0} pending, ${outbox.sent ?? 0} sent, ${dead} dead-lettered${dead ? ' — see the log for each error; fix the address or platform and set their status back to pending' : ''}`,
        });
        if (opts.json) out(toJson({ ok: checks.every((c) => c.ok), checks }));
        else for (const c of checks) out(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`);
        if (!checks.every((c) => c.ok)) process.exitCode = 1;
      });
    });
}
