/** English form texts: titles, submit labels, and per-field label / placeholder / help. */

export const forms = {
  common: {
    submit: 'Submit',
    close: 'Cancel',
    done: 'Close',
    optional: '(optional)',
    yes: 'Yes',
    no: 'No',
  },
  file: {
    title: 'File a complaint',
    submit: 'File',
    notice: 'Deadlines count from the time the customer complained.',
    fields: {
      title: { label: 'Title', placeholder: 'e.g. Valve body bore out of tolerance', help: 'One line the department will see first.' },
      description: { label: 'Description', placeholder: 'What happened, which batch, what the customer said…', help: '' },
      demand: { label: 'Customer demand', placeholder: 'Choose what the customer asks for', help: '' },
      customerName: { label: 'Customer name', placeholder: 'Contact person', help: '' },
      customerCompany: { label: 'Customer company', placeholder: 'Company name', help: '' },
      customerContact: {
        label: 'Customer contact',
        placeholder: 'Phone or email',
        help: 'Personal data: shown only to customer service, the responsible department and the GM.',
      },
      customerRegion: { label: 'Customer region', placeholder: 'Domestic or foreign', help: 'Decides who approves a claim.' },
      intakeChannel: { label: 'Received via', placeholder: 'How the complaint came in', help: '' },
      receivedAt: {
        label: 'Received at',
        placeholder: 'YYYY-MM-DD HH:mm',
        help: 'When the customer complained; leave empty for now.',
      },
      category: { label: 'Category', placeholder: 'Choose a category', help: 'Decides the responsible department.' },
      grade: {
        label: 'Grade',
        placeholder: 'Empty: follows the demand',
        help: 'A minor (below standard, no redo asked) · B serious (redo asked) · C severe (refund asked). Empty: from the demand.',
      },
      gradeReason: { label: 'Reason for a lower grade', placeholder: '', help: 'Required when the grade is below what the demand implies.' },
      urgent: { label: 'Urgent', placeholder: '', help: 'Needs emergency measures (containment) within 24 hours.' },
      safety: { label: 'Safety issue', placeholder: '', help: 'A critical or safety characteristic is affected. Urgent with a safety issue, or grade C: the GM is told at once.' },
      orderNo: { label: 'Order no.', placeholder: 'e.g. SO-2026-0415', help: '' },
      productNo: { label: 'Product no.', placeholder: 'e.g. VB-50-16', help: '' },
      qtyOrdered: { label: 'Quantity ordered', placeholder: '0', help: '' },
      qtyShipped: { label: 'Quantity shipped', placeholder: '0', help: '' },
      qtyAffected: { label: 'Quantity affected', placeholder: '0', help: 'Defective or returned quantity.' },
      shipDate: { label: 'Ship date', placeholder: 'YYYY-MM-DD', help: '' },
      claimAmount: { label: 'Claim amount', placeholder: 'e.g. 12345.00', help: 'Amount the customer claims, at most two decimals.' },
      claimCurrency: { label: 'Currency', placeholder: 'CNY', help: '' },
      department: {
        label: 'Responsible department',
        placeholder: 'Leave empty to route by category',
        help: 'Only when the category’s department is not the right one.',
      },
    },
  },
  acknowledge: {
    title: 'Acknowledge {{number}}',
    submit: 'Acknowledge',
    notice: 'This records the first response to the customer and meets the 24-hour response deadline.',
    fields: {
      handlerId: { label: 'Handler', placeholder: 'Choose a handler', help: 'Leave empty to handle it yourself.' },
      firstResponse: { label: 'First response to the customer', placeholder: 'What the customer was told', help: '' },
      containment: {
        label: 'Containment action',
        placeholder: 'Emergency measures taken',
        help: 'Required for urgent complaints.',
      },
    },
  },
  reassign: {
    title: 'Reassign {{number}}',
    submit: 'Reassign',
    notice: 'Deadlines keep running from the time the customer complained.',
    fields: {
      department: { label: 'New department', placeholder: 'Choose a department', help: '' },
      reason: { label: 'Reason', placeholder: 'Why this department', help: '' },
    },
  },
  extend: {
    title: 'Request an extension for {{number}}',
    submit: 'Request',
    notice: 'A short first extension is granted at once; longer or repeated ones need the GM’s approval.',
    fields: {
      deadline: { label: 'Deadline', placeholder: 'Which deadline', help: '' },
      newDueAt: { label: 'New due time', placeholder: 'YYYY-MM-DD HH:mm', help: 'A date alone means 18:00 that day.' },
      reason: { label: 'Reason', placeholder: 'Why more time is needed', help: '' },
    },
  },
  submit_8d: {
    title: '8D report for {{number}}',
    submit: 'Submit 8D',
    notice: 'Grade B and C solutions go to the GM for approval before they are carried out.',
    fields: {
      d1Team: { label: 'D1 Team', placeholder: 'Who works on it', help: '' },
      d2Problem: { label: 'D2 Problem description', placeholder: 'What, where, when, how many', help: '' },
      d3Containment: { label: 'D3 Containment actions', placeholder: 'Interim measures', help: '' },
      d4RootCause: { label: 'D4 Root cause', placeholder: 'Why it happened and why it escaped', help: '' },
      rootCauseTags: {
        label: 'Root cause tags',
        placeholder: 'e.g. machining, inspection',
        help: 'Short tags separated by commas, for the monthly top-5 analysis.',
      },
      d5Corrective: { label: 'D5 Permanent corrective actions', placeholder: '', help: '' },
      d6Verification: { label: 'D6 Implementation and verification', placeholder: '', help: '' },
      d7Prevention: { label: 'D7 Prevent recurrence', placeholder: 'Process, standard or training changes', help: '' },
      d8Closure: { label: 'D8 Closure and recognition', placeholder: '', help: '' },
      sentVia: {
        label: 'Sent to the customer via',
        placeholder: 'Leave empty if not sent yet',
        help: 'Grade A only: the 8D deadline is met when the reply reaches the customer. B/C replies go after the GM approves.',
      },
    },
  },
  approve: {
    title: 'Approval for {{number}}',
    submit: 'Confirm',
    notice: '',
    fields: {
      kind: { label: 'Approval', placeholder: 'What is being approved', help: '' },
      decision: { label: 'Decision', placeholder: 'Approve or decline', help: '' },
      note: { label: 'Note', placeholder: 'Conditions or reasons', help: 'Required when declining.' },
    },
  },
  resolve: {
    title: 'Resolve {{number}}',
    submit: 'Resolve',
    notice: 'Customer service will revisit the customer about 7 days later.',
    fields: {
      kinds: { label: 'What was done', placeholder: 'Choose one or more', help: '' },
      summary: { label: 'Summary', placeholder: 'What the customer received', help: '' },
      amount: { label: 'Amount paid or credited', placeholder: 'e.g. 2000.00', help: 'At most two decimals.' },
      currency: { label: 'Currency', placeholder: 'CNY', help: '' },
      quantity: { label: 'Pieces taken back', placeholder: 'e.g. 120', help: 'Beyond the approved claim the payout waits for approval.' },
    },
  },
  revisit: {
    title: 'Revisit for {{number}}',
    submit: 'Record',
    notice: '',
    fields: {
      outcome: { label: 'Outcome', placeholder: 'How the customer responded', help: '' },
      score: { label: 'Satisfaction score (1–10)', placeholder: '1–10', help: 'Required when the customer is satisfied.' },
      note: { label: 'Note', placeholder: 'What the customer said', help: 'Required unless the customer is satisfied.' },
    },
  },
  gm_decide: {
    title: 'GM decision on {{number}}',
    submit: 'Decide',
    notice: 'The customer was not satisfied twice. Your decision closes the complaint.',
    fields: {
      decision: { label: 'Decision', placeholder: 'Final decision and instructions', help: '' },
    },
  },
  reject: {
    title: 'Reject {{number}}',
    submit: 'Reject',
    notice: 'The filer and customer service will be told the reason.',
    fields: {
      reason: { label: 'Reason', placeholder: 'Choose a reason', help: '' },
      note: { label: 'Explanation', placeholder: 'Facts supporting the decision', help: '' },
    },
  },
  reopen: {
    title: 'Reopen {{number}}',
    submit: 'Reopen',
    notice: 'The department gets a new 24-hour response deadline.',
    fields: {
      reason: { label: 'Reason', placeholder: 'Why it is reopened', help: '' },
    },
  },
  regrade: {
    title: 'Change the grade of {{number}}',
    submit: 'Save',
    notice: 'Deadlines are recomputed from the time the customer complained.',
    fields: {
      grade: { label: 'Grade', placeholder: 'A, B or C', help: 'A minor · B serious · C severe.' },
      urgent: { label: 'Urgent', placeholder: '', help: 'Needs emergency measures within 24 hours.' },
      safety: { label: 'Safety issue', placeholder: '', help: 'A critical or safety characteristic is affected; removing it needs the GM.' },
      note: { label: 'Note', placeholder: 'Why the grade changes', help: '' },
    },
  },
  claim: {
    title: 'Claim on {{number}}',
    submit: 'Record claim',
    notice: 'Amounts and return quantities above the thresholds go to the approvers of their tier (procedure §5.7).',
    fields: {
      amount: { label: 'Claim amount', placeholder: 'e.g. 8600.00', help: 'At most two decimals.' },
      currency: { label: 'Currency', placeholder: 'CNY', help: '' },
      quantity: { label: 'Pieces to return', placeholder: 'e.g. 150', help: '' },
      reason: { label: 'Reason', placeholder: 'What the customer claims and why', help: '' },
    },
  },
  contain: {
    title: 'Containment for {{number}}',
    submit: 'Record',
    notice: 'Urgent complaints need an effective emergency measure within 24 hours (procedure §5.1).',
    fields: {
      containment: { label: 'Containment action', placeholder: 'e.g. shipments in transit stopped, stock sorted', help: '' },
    },
  },
  send_8d: {
    title: '8D reply of {{number}} sent',
    submit: 'Record',
    notice: 'The 8D deadline is met when the reply reaches the customer.',
    fields: {
      via: { label: 'Sent via', placeholder: 'How the customer received it', help: '' },
      note: { label: 'Note', placeholder: 'Who received it', help: '' },
    },
  },
  comment: {
    title: 'Comment on {{number}}',
    submit: 'Add comment',
    notice: '',
    fields: {
      text: { label: 'Comment', placeholder: 'Visible to everyone who can see this complaint', help: '' },
    },
  },
};
