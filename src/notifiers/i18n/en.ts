/** English messages. The shape of this object is the message catalogue: zh-CN must have exactly the same keys. */
import { enums } from './en/enums.ts';
import { errors } from './en/errors.ts';
import { forms } from './en/forms.ts';
import { views } from './en/views.ts';
import { tasks } from './en/tasks.ts';
import { report } from './en/report.ts';
import { improvements } from './en/improvements.ts';
import { accountability } from './en/accountability.ts';
import { repeatForms, repeats } from './en/repeats.ts';
import { recallForms, recallTexts } from './en/recall.ts';
import { contact, contactForms, contactWhat } from './en/contact.ts';
import { commands, consoleTexts, exportTexts, stats } from './en/console.ts';

export const en = {
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

/** The catalogue type every locale implements (leaves are strings). */
export type Messages = typeof en;
