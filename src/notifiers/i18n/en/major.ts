/** English texts of major complaints: the GM told at filing, a grade C's co-owners and their sign-off, escalation to the GM by hand. */

export const major = {
  notify: {
    flagged: 'Major complaint {{number}} ({{why}}) for {{department}}: {{title}}',
    whyC: 'grade C',
    whySafety: 'urgent, safety issue',
    coOwners: 'Co-owners who sign off its resolution: {{coOwners}}.',
    escalated: '{{by}} escalates {{number}} to you: {{reason}}. {{title}}',
    askSignoff: 'your sign-off, as co-owner, of the resolution {{resolution}}',
    escalatedChannel: '{{by}} escalated {{number}} to the GM: {{reason}}',
  },
  card: {
    safetyTag: 'safety',
    coOwners: 'Co-owners',
    coOwner: '{{role}}: {{people}}',
    escalations: 'Escalated to the GM',
    escalation: '{{by}} at {{at}}: {{reason}}',
    answered: '(answered by {{by}})',
    waiting: '(waiting for the GM)',
  },
  timeline: {
    major_flagged: 'Major complaint: the GM is told at once.',
    majorCoOwners: 'Co-owners who sign off the resolution: {{coOwners}}.',
    resolution_proposed: 'Proposed the resolution {{kinds}}: {{summary}}; it waits for the co-owners’ sign-off.',
    escalated_by_hand: 'Escalated to the GM: {{reason}}.',
    safetySuffix: ', safety issue',
  },
  tasks: {
    signoff: 'Sign off the resolution: {{resolution}}',
  },
};

/** The escalation form, merged into `forms`. */
export const majorForms = {
  escalate: {
    title: 'Escalate {{number}} to the GM',
    submit: 'Escalate now',
    notice: 'The GM gets the complaint at once, with your reason. The department goes on working on it.',
    fields: {
      reason: { label: 'Reason', placeholder: 'Why the GM must look at it now', help: '' },
    },
  },
};
