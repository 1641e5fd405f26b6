/** English texts of the management review: the tracking table's added columns and the monthly report's targets. */

export const report = {
  sheet: 'Tracking {{period}}',
  exportEmpty: 'Complaint tracking table {{from}} – {{to}}: no complaints in this period (the .xlsx and .csv hold the headers only).',
  firstResponses: 'First responses',
  claimApproval: 'Claim approval',
  claimTier: 'Claim approval tier',
  tier: '{{role}} (step {{step}} of {{steps}})',
  rejection: 'Rejection reason',
  rejectionNote: 'Rejection note',
  gmDecision: 'GM decision',
  d4RootCause: 'D4 root cause',
  d5Corrective: 'D5 corrective action',
  breachedAt: '{{deadline}} breach time',
  scopeOwn: 'complaints you can see',
  noScope:
    'There are no complaints in your scope for {{month}}. Statistics cover the whole company for the GM and customer service, a department for its head, and otherwise the complaints you filed or handle.',
  targetsHeading: 'Targets vs actual:',
  satisfaction: '• Satisfaction: {{actual}} ({{n}}/{{all}} revisits satisfied) — target ≥ {{target}} — {{verdict}}',
  handling: '• Handling completed: {{actual}} ({{n}}/{{all}} closed) — target {{target}} — {{verdict}}',
  response: '• First response within {{hours}} h: {{actual}} ({{n}}/{{all}}) — target {{target}} — {{verdict}}',
  met: 'met',
  missed: 'missed',
  noData: 'no data yet',
  notAssessed: 'not assessed',
};
