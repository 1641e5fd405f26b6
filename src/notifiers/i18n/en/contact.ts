/** English texts of the customer-contact record (seed 001 §5.1–5.3; dealership flow step 3). */
import type { ContactWhat } from '../../../workflows/model.ts';

export const contactWhat = {
  first_response: 'First response',
  containment_report: 'Containment report',
  delay_notice: 'Delay notice (reason and new date)',
  eightd_report: '8D report',
  resolution: 'Resolution',
  revisit: 'Revisit',
  other: 'Other',
} satisfies Record<ContactWhat, string>;

export const contact = {
  timeline: {
    customer_contacted: 'Customer contacted: {{what}}{{via}}{{at}}.',
    via: ' via {{via}}',
    at: ' at {{at}}',
    reasonAndDate: 'The customer was told the reason ({{reason}}) and the new date {{date}}.',
    delay_notice_due: 'The {{deadline}} deadline was {{cause}}: the customer is to be told the reason and the new date by {{due}}.',
    cause_extended: 'extended',
    cause_breached: 'missed',
    deadline_missed: 'The {{deadline}} deadline passed unmet ({{due}}).',
    first_contact_failed: 'The customer could not be reached; customer service was told the progress: {{note}}. First contact is due by {{due}}.',
  },
  notify: {
    delayNotice: '{{number}}: the {{deadline}} deadline was {{cause}}. Tell the customer the reason and the new date, and record it with "Customer contact" by {{due}}.\n{{title}}',
    reason: 'The department\'s reason: {{reason}}',
    unreachable: '{{number}}: {{department}} could not reach the customer for the first response. Progress: {{note}}. First contact is due by {{due}}.\n{{title}}',
  },
  card: {
    contacts: 'Customer contacts',
    none: 'None recorded yet',
  },
};

export const contactForms = {
  contact: {
    title: 'Customer contact on {{number}}',
    submit: 'Record',
    notice: 'What the customer was told. A delay notice gives the reason and the new date (procedure §5.3).',
    fields: {
      what: { label: 'What was communicated', placeholder: 'Choose', help: '' },
      via: { label: 'Channel', placeholder: 'How the customer was reached', help: '' },
      at: { label: 'When', placeholder: 'YYYY-MM-DD HH:mm', help: 'Leave empty for now.' },
      summary: { label: 'Summary', placeholder: 'What was said or sent, and to whom', help: '' },
      reason: { label: 'Reason given', placeholder: 'Why the deadline slips', help: 'Required for a delay notice.' },
      newDate: { label: 'New date given', placeholder: 'YYYY-MM-DD HH:mm', help: 'Required for a delay notice.' },
    },
  },
  customer_unreachable: {
    title: 'Customer unreachable on {{number}}',
    submit: 'Tell customer service',
    notice: 'Customer service is told the progress; the first contact is then due within 48 hours.',
    fields: {
      note: { label: 'Progress', placeholder: 'Attempts made, what is already done', help: '' },
    },
  },
};
