import type { Command } from 'commander';
import { show } from '../../commands/query.ts';
import { actorFor, globals, localeOf, withCore } from '../context.ts';
import { out, toJson } from '../io.ts';
import { presentState, presentTimeline } from '../present.ts';

export function register(program: Command): void {
  program
    .command('show')
    .description('show a complaint with its deadlines and timeline')
    .argument('<complaint>', 'complaint number, e.g. KS-2026-0001')
    .option('--as <person>', 'view as this person (default: the first GM, who may see everything)')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { json?: boolean; as?: string }, cmd: Command) => {
      const g = globals(cmd);
      await withCore(async (core) => {
        const viewer = opts.as ?? core.config.gm[0]!;
        const result = await show(core.deps, actorFor(core, viewer), ref);
        if (opts.json) return out(toJson(result));
        const locale = localeOf(core, g);
        out(presentState(core, result.state, locale, viewer));
        out(presentTimeline(core, result.timeline, locale));
      });
    });
}
