import type { Command } from 'commander';
import { due } from '../../commands/query.ts';
import { fieldError } from '../../workflows/validation.ts';
import { globals, withCore } from '../context.ts';
import { out, toJson } from '../io.ts';

export function register(program: Command): void {
  program
    .command('tick')
    .description('run the deadline step at a given time (prints the ladder steps due then)')
    .option('--now <iso>', 'the time to run at, ISO 8601 (default: now)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean; now?: string }, cmd: Command) => {
      const g = globals(cmd);
      const at = opts.now ? new Date(opts.now) : undefined;
      if (at && Number.isNaN(at.getTime())) throw fieldError('now', 'invalid_datetime');
      await withCore(async (core) => {
        const steps = await due(core.deps, at ?? core.deps.clock.now());
        if (opts.json) return out(toJson({ at: at ?? core.deps.clock.now(), due: steps }));
        if (steps.length === 0) return out('nothing due');
        for (const s of steps) out(`${s.number}  ${s.kind.padEnd(11)} step ${s.ladderStep}  next ${s.nextStepAt.toISOString()}  due ${s.dueAt.toISOString()}`);
      });
    });
}
