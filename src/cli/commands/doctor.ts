/**
 * `kesu doctor`: checks the config, the database schema, the working calendar, dead-lettered
 * notifications, targets deliveries found unreachable, and — for each configured chat platform — that every channel and person can be
 * reached (the start-up preflight, src/bot/preflight/). Exit code 1 when anything fails.
 */
import type { Command } from 'commander';
import { configuredPlatforms } from '../../bot/platforms.ts';
import { formatChecklist, preflight, preflightClients } from '../../bot/preflight/index.ts';
import { databaseProvider } from '../../config/env.ts';
import { checkDrift } from '../../store/migrate.ts';
import { outboxCounts } from '../../store/outbox.ts';
import { unreachableAddresses } from '../../commands/unreachable.ts';
import { coverageGaps } from '../../workflows/calendar.ts';
import type { Core } from '../../bot/boot.ts';
import { withCore } from '../context.ts';
import { out, toJson } from '../io.ts';

interface Check {
  name: string;
  ok: boolean;
  /** Passes, but needs attention soon (printed with '!'). */
  warning?: boolean;
  detail: string;
}

export function register(program: Command): void {
  program
    .command('doctor')
    .description('check the config, the database, the working calendar and that every channel and person can be reached')
    .option('--json', 'print JSON')
    .option('--now <iso>', 'the time to check at, ISO 8601 (default: now)')
    .action(async (opts: { json?: boolean; now?: string }) => {
      const now = opts.now ? new Date(opts.now) : undefined;
      if (now && Number.isNaN(now.getTime())) throw new Error(`--now: not an ISO 8601 time: ${opts.now}`);
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
        checks.push(calendarCheck(core, now ?? deps.clock.now()));
        const outbox = await outboxCounts(deps.db.prisma);
        const dead = outbox.dead ?? 0;
        checks.push({
          name: 'outbox',
          ok: dead === 0,
          detail: `${outbox.pending ?? 0} pending, ${outbox.sent ?? 0} sent, ${dead} dead-lettered${dead ? ' — see the log for each error; fix the address or platform and set their status back to pending' : ''}`,
        });
        // Targets deliveries found unreachable (routed around since; cleared by the next delivery there).
        const marked = await unreachableAddresses(deps);
        checks.push({
          name: 'unreachable',
          ok: marked.length === 0,
          detail: marked.length
            ? `${marked.length} target(s) could not be reached when last tried (their messages go to the people behind them):\n` +
              marked.map((m) => `    ${m.platform} ${m.address}: ${m.reason}, since ${m.since.toISOString()}, last ${m.lastSeen.toISOString()}`).join('\n')
            : 'no delivery found a channel or person unreachable',
        });
        const platforms = configuredPlatforms(settings);
        const reach = platforms.length ? await preflight(core, preflightClients(core)) : [];
        const unreachable = reach.filter((c) => !c.ok).length;
        checks.push({
          name: 'platforms',
          ok: unreachable === 0,
          detail: platforms.length
            ? `${platforms.join(', ')}: ${reach.length} checks, ${unreachable ? `${unreachable} failed — see below` : 'all passed'}`
            : 'no chat platform is set up (no Slack or Feishu credentials): reachability checks skipped',
        });
        const ok = checks.every((c) => c.ok);
        if (opts.json) out(toJson({ ok, checks, preflight: reach }));
        else {
          for (const c of checks) out(`${c.ok ? (c.warning ? '!' : '✓') : '✗'} ${c.name}: ${c.detail}`);
          for (const line of formatChecklist(reach)) out(`  ${line}`);
        }
        if (!ok) process.exitCode = 1;
      });
    });
}

/**
 * The working calendar: fails when this year has no State Council notice; warns from 60 days before
 * a year without one (statutory holidays only, or nothing beyond the lunar table).
 */
function calendarCheck(core: Core, now: Date): Check {
  const { calendar } = core.deps;
  const { from, to } = calendar.coveredYears;
  const gaps = coverageGaps(calendar, now);
  const fix = ' — add the notice under calendar: in the config (calendar.years)';
  const said = gaps.map((g) =>
    g.coverage === 'statutory' ? `${g.year}: statutory holidays only, make-up days unknown${fix}` : `${g.year}: no holiday data, weekends only${fix}`,
  );
  // Dates under the plain calendar.holidays/workdays in such a year change days but do not cover it.
  const loose = gaps.filter((g) => [...core.config.calendar.holidays, ...core.config.calendar.workdays].some((d) => d.startsWith(`${g.year}-`)));
  for (const g of loose) said.push(`the ${g.year} dates under calendar.holidays/workdays count as company days; put the notice under calendar.years.${g.year} to cover the year`);
  return {
    name: 'calendar',
    ok: !gaps.some((g) => g.current),
    warning: gaps.length > 0,
    detail: [`China holiday notices ${from}–${to}`, ...said].join('; '),
  };
}
