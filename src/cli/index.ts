/**
 * The `kesu` CLI for operators and tests. One file per command under ./commands; errors are turned
 * into one localized message here, and nowhere else.
 */
import { Command } from 'commander';
import { register as registerStart } from './commands/start.ts';
import { register as registerFile } from './commands/file.ts';
import { register as registerAct } from './commands/act.ts';
import { register as registerShow } from './commands/show.ts';
import { register as registerList } from './commands/list.ts';
import { register as registerTick } from './commands/tick.ts';
import { register as registerDoctor } from './commands/doctor.ts';
import { register as registerDb } from './commands/db.ts';
import { register as registerExport } from './commands/export.ts';
import { reportError } from './errors.ts';

const program = new Command('kesu')
  .description('Kesu 客诉 — customer-complaint handling for Slack and Feishu/Lark')
  .option('--lang <locale>', 'output language: zh-CN or en (default: the organisation locale)')
  .showHelpAfterError();

for (const register of [registerStart, registerFile, registerAct, registerShow, registerList, registerExport, registerTick, registerDoctor, registerDb]) {
  register(program);
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = reportError(e, program.opts());
}
