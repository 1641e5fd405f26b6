import type { Command } from 'commander';
import { KesuError } from '../../errors.ts';
import { fileComplaint } from '../../commands/file.ts';
import { actorFor, globals, localeOf, withCore } from '../context.ts';
import { out, readJsonInput, toJson } from '../io.ts';
import { presentState } from '../present.ts';

export function register(program: Command): void {
  program
    .command('file')
    .description('file a complaint from a JSON object with the filing form fields')
    .option('--json <file>', 'JSON file with the form fields ("-" for stdin); prints the result as JSON')
    .option('--input <file>', 'the same, printing the result as text')
    .requiredOption('--as <person>', 'who files it: a person key from the config, or slack:U…/feishu:ou_…')
    .action(async (opts: { json?: string; input?: string; as: string }, cmd: Command) => {
      const g = globals(cmd);
      const file = opts.json ?? opts.input;
      if (!file) throw new KesuError('validation_failed', { fields: 'json' }, { fields: [{ field: 'json', key: 'required' }] });
      await withCore(async (core) => {
        const result = await fileComplaint(core.deps, actorFor(core, opts.as, localeOf(core, g)), readJsonInput(file));
        if (opts.json) out(toJson(result));
        else out(presentState(core, result.state, localeOf(core, g), opts.as));
      });
    });
}
