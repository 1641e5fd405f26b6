/** English messages. The shape of this object is the message catalogue: zh-CN must have exactly the same keys. */
import { enums } from './en/enums.ts';
import { errors } from './en/errors.ts';
import { forms } from './en/forms.ts';
import { views } from './en/views.ts';
import { tasks } from './en/tasks.ts';
import { report } from './en/report.ts';
import { major, majorForms } from './en/major.ts';
import { commands, consoleTexts, exportTexts, stats } from './en/console.ts';

export const en = { ...enums, errors, forms: { ...forms, ...majorForms }, ...views, commands, console: consoleTexts, stats, export: exportTexts, tasks, report, major };

/** The catalogue type every locale implements (leaves are strings). */
export type Messages = typeof en;
