/** English texts of the improvement actions for the month's top causes (seed 001 §6.10). */

export const improvements = {
  assigned:
    'Improvement action {{id}} is yours: “{{cause}}” was top cause no. {{rank}} of {{period}} ({{count}} complaints: {{complaints}}). Please run an internal 8D for {{department}} — root cause, corrective and preventive actions, and verify that they work — by {{due}}. When it is done: {{command}} improvement close {{id}} <what was done and how it was verified>',
  reminder: 'Reminder: improvement action {{id}} (“{{cause}}”, {{department}}) is due {{due}}. When it is done: {{command}} improvement close {{id}} <what was done and how it was verified>',
  overdue: 'Overdue: improvement action {{id}} (“{{cause}}”, {{department}}, owner {{owner}}) was due {{due}} and is not closed. Close it with: {{command}} improvement close {{id}} <what was done and how it was verified>',
  closedReply: 'Improvement action {{id}} (“{{cause}}”) is closed.',
  heading: 'Improvement actions for the top causes:',
  line: '• {{id}} {{cause}} ({{count}} complaints) — {{department}}, {{owner}} — {{state}}',
  open: 'open, due {{due}}',
  openOverdue: 'open, OVERDUE since {{due}}',
  closed: 'closed {{at}}: {{note}}',
  none: '• none open',
  listTitle: 'Open improvement actions',
};
