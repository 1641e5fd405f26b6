/** Simplified Chinese messages: exactly the keys of en.ts (checked by the type and by a unit test). */
import type { Messages } from './en.ts';
import { enums } from './zh-CN/enums.ts';
import { errors } from './zh-CN/errors.ts';
import { forms } from './zh-CN/forms.ts';
import { views } from './zh-CN/views.ts';
import { tasks } from './zh-CN/tasks.ts';
import { report } from './zh-CN/report.ts';
import { major, majorForms } from './zh-CN/major.ts';
import { commands, consoleTexts, exportTexts, stats } from './zh-CN/console.ts';

export const zhCN: Messages = { ...enums, errors, forms: { ...forms, ...majorForms }, ...views, commands, console: consoleTexts, stats, export: exportTexts, tasks, report, major };
