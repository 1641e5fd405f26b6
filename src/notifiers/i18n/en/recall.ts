/** English texts of recalls (seed 001 §6.9): the forms, labels, card, timeline, notices and table columns. */

export const recallForms = {
  recall: {
    title: 'Report a recall for {{number}}',
    submit: 'Report to the GM',
    notice: 'Other shipped batches with the same critical or safety defect: Sales and Quality report them to the GM, who decides on a recall (procedure §6.9).',
    fields: {
      batches: { label: 'Other affected batches', placeholder: 'Batch or lot numbers already shipped', help: '' },
      orders: { label: 'Affected orders', placeholder: 'Orders or customers of those batches', help: '' },
      quantity: { label: 'Affected pieces', placeholder: 'e.g. 1200', help: '' },
      severity: { label: 'Severity', placeholder: 'Critical characteristic or safety', help: '' },
      note: { label: 'Note', placeholder: 'What was found, and how', help: '' },
    },
  },
  recall_decide: {
    title: 'Recall decision on {{number}}',
    submit: 'Decide',
    notice: 'Recall: say what is recalled and which customers are told. No recall: give the reason.',
    fields: {
      outcome: { label: 'Decision', placeholder: 'Recall or no recall', help: '' },
      scope: { label: 'Recall scope', placeholder: 'Batches and orders recalled', help: 'Required for a recall.' },
      quantity: { label: 'Pieces recalled', placeholder: 'e.g. 1200', help: '' },
      customers: { label: 'Customers to notify', placeholder: '', help: '' },
      reason: { label: 'Reason', placeholder: 'Why there is no recall', help: 'Required for no recall.' },
    },
  },
};

export const recallTexts = {
  recallSeverity: { safety: 'Safety function', critical: 'Critical characteristic', major: 'Major' },
  recallOutcome: { recall: 'Recall', no_recall: 'No recall' },
  recall: {
    card: {
      separator: ' · ',
      reported: 'Recall reported',
      reportedValue: '{{severity}}: {{what}}',
      waiting: 'waiting for the GM\'s decision',
      decided: 'Recall decision',
      recallValue: 'Recall: {{scope}}',
      noRecallValue: 'No recall: {{reason}}',
      reportedBy: 'reported by {{by}}',
      pieces: '{{n}} pcs',
      customers: 'customers told: {{customers}}',
    },
    timeline: {
      reported: 'Recall reported ({{severity}}): other affected batches {{batches}}.',
      orders: 'Orders: {{orders}}.',
      pieces: '{{n}} pieces affected.',
      decidedRecall: 'GM decided to recall: {{scope}}.',
      decidedNoRecall: 'GM decided not to recall: {{reason}}.',
      customers: 'Customers to notify: {{customers}}.',
    },
    notify: {
      reported: '{{number}}: a recall is reported ({{severity}}). Other affected batches: {{batches}}. The GM decides by {{due}}.\n{{title}}',
      decide: '{{number}}: please decide on a recall ({{severity}}) by {{due}}. Other affected batches: {{batches}}.\n{{title}}',
      decidedRecall: '{{number}}: the GM decided to recall — {{scope}}.\n{{title}}',
      decidedNoRecall: '{{number}}: the GM decided not to recall — {{reason}}.\n{{title}}',
    },
    table: {
      recall: 'Recall reported',
      recallReportedAt: 'Recall reported at',
      recallDecision: 'Recall decision',
      recallDecidedAt: 'Recall decided at',
    },
  },
};
