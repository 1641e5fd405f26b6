import type { Command } from 'commander';
import { due } from '../../commands/query.ts';
import { tick } from '../../commands/tick.ts';
import { cardRenderer } from '../../commands/cards.ts';
import { statementAttachment } from '../../commands/statements.ts';
import { unreachableHandlers } from '../../commands/unreachable.ts';
import { RecordingDeliverer } from '../../notifiers/deliverer.ts';
import { createDispatcher } from '../../notifiers/dispatcher.ts';
import { fieldError } from '../../workflows/validation.ts';
import { assertNoRunningEngine } from '../../bot/engine.ts';
import { outboundDeliverers } from '../../bot/outbound.ts';
import { withCore } from '../context.ts';
import { out, toJson } from '../io.ts';

export function register(program: Command): void {
  program
    .command('tick')
    .description('run the deadline engine step at a given time: send the ladder steps and digest due then')
    .option('--now <iso>', 'the time to run at, ISO 8601 (default: now)')
    .option('--dry-run', 'only list the ladder steps due, change nothing')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean; now?: string; dryRun?: boolean }) => {
      const at = opts.now ? new Date(opts.now) : undefined;
      if (at && Number.isNaN(at.getTime())) throw fieldError('now', 'invalid_datetime');
      await withCore(async (core) => {
        const now = at ?? core.deps.clock.now();
        if (opts.dryRun) {
          const steps = await due(core.deps, now);
          if (opts.json) return out(toJson({ at: now, due: steps }));
          if (steps.length === 0) return out('nothing due');
          for (const s of steps) out(`${s.number}  ${s.kind.padEnd(11)} step ${s.ladderStep}  next ${s.nextStepAt.toISOString()}  due ${s.dueAt.toISOString()}`);
          return;
        }
        // A running bot owns the engine on SQLite: its ladder steps are not taken from under it.
        await assertNoRunningEngine(core, core.deps.clock.now());
        // Notifications go where the deployment runs: Slack and Feishu through their APIs, the local platform printed here.
        const local = new RecordingDeliverer('local');
        const deliverers = outboundDeliverers(core, local);
        // Scheduled reports are left to the running bot (its slots and charts).
        const result = await tick({ ...core.deps, platforms: core.deps.platforms ?? [] }, now, { reports: false });
        // Deliveries happen in real time: anything waiting in the outbox up to now goes too.
        const deliverAt = new Date(Math.max(now.getTime(), core.deps.clock.now().getTime()));
        const dispatcher = createDispatcher(core.deps.db, deliverers, {
          owner: `cli:${process.pid}`,
          clock: () => core.deps.clock.now(),
          logger: core.logger,
          maxAttempts: core.settings.deliveryMaxAttempts,
          renderCard: cardRenderer(core.deps),
          renderFile: statementAttachment(core.deps),
          ...unreachableHandlers(core.deps, core.logger),
        });
        const delivered = await dispatcher.dispatch(deliverAt);
        const messages = local.sent.map((m) => ({ kind: m.kind, to: m.address, text: m.view.text }));
        const platforms = (core.deps.platforms ?? []).join(', ');
        if (opts.json) return out(toJson({ at: now, ...result, platforms: core.deps.platforms, delivered, messages }));
        out(`${now.toISOString()}: ${result.steps} ladder steps, ${result.notifications} notifications${result.digest ? ', GM digest' : ''}`);
        out(`delivered on ${platforms}: ${delivered.sent} sent, ${delivered.retried} to retry, ${delivered.dead} failed`);
        for (const m of messages) out(`[${m.kind} → ${m.to}] ${m.text.replace(/\n/g, '\n    ')}`);
      });
    });
}
