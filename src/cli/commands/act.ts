import type { Command } from 'commander';
import { act } from '../../commands/act.ts';
import { KesuError } from '../../errors.ts';
import { ACTIONS, type Action } from '../../workflows/model.ts';
import { actorFor, globals, localeOf, withCore } from '../context.ts';
import { out, readJsonInput, toJson } from '../io.ts';
import { presentState } from '../present.ts';

export function register(program: Command): void {
  program
    .command('act')
    .description(`take an action on a complaint: ${ACTIONS.join(', ')}`)
    .argument('<complaint>', 'complaint number, e.g. KS-2026-0001')
    .argument('<action>', 'the action')
    .requiredOption('--as <person>', 'who acts: a person key from the config')
    .option('--json <file>', 'JSON file with the action form fields ("-" for stdin); prints the result as JSON')
    .option('--input <file>', 'the same, printing the result as text')
    .action(async (ref: string, action: string, opts: { as: string; json?: string; input?: string }, cmd: Command) => {
      if (!(ACTIONS as readonly string[]).includes(action)) throw new KesuError('illegal_transition', { number: ref, status: '?', action });
      const g = globals(cmd);
      await withCore(async (core) => {
        const file = opts.json ?? opts.input;
        const raw = file ? readJsonInput(file) : {};
        const result = await act(core.deps, actorFor(core, opts.as, localeOf(core, g)), ref, action as Action, raw);
        if (opts.json) out(toJson({ state: result.state, events: result.duplicate ? [] : result.decision.events }));
        else out(presentState(core, result.state, localeOf(core, g), opts.as));
      });
    });
}
