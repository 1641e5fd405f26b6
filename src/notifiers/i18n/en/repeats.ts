/** English texts of repeat detection (issue 15 item 8): the card line, the form, the timeline, the report. */

export const repeatForms = {
  link_repeat: {
    title: 'Repeat check: {{number}}',
    submit: 'Record',
    notice: 'Confirm when it is the same problem as the earlier complaint (the 8D should then ask why the earlier fix did not hold); dismiss when it is not.',
    fields: {
      candidate: { label: 'Earlier complaint', placeholder: 'The suggested complaint', help: '' },
      decision: { label: 'Decision', placeholder: 'Same problem or not', help: '' },
      note: { label: 'Note', placeholder: 'Why (optional)', help: '' },
    },
  },
};

export const repeats = {
  table: { repeatOf: 'Repeat of' },
  label: 'Repeat',
  possible: 'Possible repeat of {{number}} ({{reasons}})',
  confirmed: 'Repeat of {{number}}',
  reason: {
    customer_product: 'same customer and product',
    category_product: 'same category and product',
    text: 'similar text {{pct}}%',
  },
  decision: { confirm: 'Same problem: confirm', dismiss: 'Not the same: dismiss' },
  event: {
    suggested: 'Possible repeat of {{numbers}} found ({{stage}}).',
    confirmed: 'Confirmed as a repeat of {{number}}.',
    dismissed: 'Not a repeat of {{number}}.',
  },
  stage: { filing: 'at filing', d4: 'at the root cause, D4' },
  stats: 'Repeats',
};
