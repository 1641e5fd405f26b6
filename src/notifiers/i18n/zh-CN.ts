/** Simplified Chinese messages: exactly the keys of en.ts (checked by the type and by a unit test). */
import type { Messages } from './en.ts';
import { enums } from './zh-CN/enums.ts';
import { errors } from './zh-CN/errors.ts';
import { forms } from './zh-CN/forms.ts';
import { views } from './zh-CN/views.ts';
import { tasks } from './zh-CN/tasks.ts';
import { report } from './zh-CN/report.ts';
import { improvements } from './zh-CN/improvements.ts';
import { accountability } from './zh-CN/accountability.ts';
import { repeatForms, repeats } from './zh-CN/repeats.ts';
import { recallForms, recallTexts } from './zh-CN/recall.ts';
import { contact, contactForms, contactWhat } from './zh-CN/contact.ts';
import { commands, consoleTexts, exportTexts, stats } from './zh-CN/console.ts';

export const zhCN: Messages = {
  ...enums,
  ...recallTexts,
  contactWhat,
  contact,
  errors,
  forms: { ...forms, ...repeatForms, ...recallForms, ...contactForms },
  ...views,
  commands,
  console: consoleTexts,
  stats,
  export: exportTexts,
  tasks,
  report,
  improvements,
  accountability,
  repeats,
};
