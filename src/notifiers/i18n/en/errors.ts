/** English error messages: one per ErrorCode (`errors.<code>`) and per field key (`errors.field.<key>`). */
import type { ErrorCode } from '../../../errors.ts';
import type { FieldKey } from '../../../workflows/validation.ts';

const codes = {
  validation_failed: 'Please correct the highlighted fields.',
  config_invalid: 'The configuration is invalid ({{detail}}). Please ask an administrator to fix it.',
  unknown_department: 'Unknown department: {{key}}.',
  unknown_person: 'Unknown person: {{id}}.',
  foreign_button: 'This button is not one Kesu knows (another app’s card, or an old one): nothing was done.',
  unknown_complaint: 'No complaint {{ref}} was found.',
  illegal_transition: '{{number}} is {{status}}: {{action}} is not possible now.',
  already_acknowledged: '{{number}} is already acknowledged by {{by}} at {{at}}.',
  already_in_status: '{{number}} is already {{status}}.',
  approval_pending: '{{number}} already has a {{kind}} approval pending.',
  claim_not_approved: 'The claim on {{number}} has not been approved yet, so it cannot be resolved.',
  claim_declined: 'The claim on {{number}} was declined: this payout is blocked. Resolve without it, or file a new claim.',
  solution_not_approved: 'The general manager has not approved the current 8D solution of {{number}} yet.',
  reply_not_sent: 'The 8D reply of {{number}} has not been recorded as sent to the customer yet.',
  reply_already_sent: 'The current 8D reply of {{number}} was already sent to the customer.',
  own_approval: 'You requested this {{kind}} approval on {{number}}, or you handle the complaint: someone else must decide it.',
  no_pending_approval: '{{number}} has no pending approval that you can decide.',
  escalation_pending: 'You have already escalated {{number}} to the GM; the GM has not answered yet.',
  already_signed_off: 'You have already signed off the resolution of {{number}}; the other co-owner signs next.',
  concurrent_update: '{{number}} was changed by someone else at the same moment. Please try again.',
  forbidden: 'You are not allowed to do “{{action}}” on {{number}}.',
  database_unavailable: 'The database is not available right now. Please try again later.',
  migration_failed: 'The database could not be migrated. Please contact the administrator.',
  calendar_not_covered:
    'The working calendar has no data for {{year}}, so deadlines may be wrong. Please ask an administrator to update it.',
  engine_running:
    'Another Kesu process ({{owner}}) is using this SQLite database; its lease runs until {{until}} and is renewed while that process runs (one that has exited on this machine is recognised at once). Stop it first. SQLite supports one process; use PostgreSQL for several replicas.',
  database_replaced:
    'The database file was deleted or replaced while Kesu was running, so nothing can be saved: this change was NOT recorded. Please tell the administrator (restore the file or restart Kesu).',
} satisfies Record<ErrorCode, string>;

export const errors = {
  ...codes,
  /** For unknown errors: no internals, no stack. */
  unknown: 'Something went wrong. Please try again, or contact the administrator if it keeps happening.',
  /** Operations that are not lifecycle actions, for `forbidden`. */
  operation: {
    show: 'View',
    list: 'List',
    stats: 'Statistics',
    export: 'Export',
    file: 'File a complaint',
  },
  unknownValue: 'unknown',
  field: {
    required: 'This field is required.',
    too_long: 'At most {{max}} characters.',
    too_short: 'At least {{min}} characters.',
    invalid_choice: 'Please choose one of the options.',
    invalid_date: 'Enter a date as YYYY-MM-DD.',
    invalid_datetime: 'Enter a date and time as YYYY-MM-DD HH:mm.',
    in_future: 'This cannot be in the future.',
    too_old: 'This cannot be more than a year ago.',
    too_far: 'This can be at most {{max}} days from today.',
    too_early: 'This cannot be more than 10 years before the complaint was received.',
    after_received: 'This cannot be later than the day the complaint was received.',
    invalid_boolean: 'Tick the box or leave it empty (true or false).',
    control_characters: 'Remove the invisible control characters (for example pasted from another program).',
    invalid_number: 'Enter a number.',
    not_integer: 'Enter a whole number.',
    out_of_range: 'The value is out of the allowed range.',
    invalid_amount: 'Enter an amount such as 1234.50 (at most two decimals).',
    invalid_currency: 'This currency is not accepted.',
    invalid_contact: 'Enter a phone number or an email address.',
    unknown_category: 'Choose a category from the list.',
    unknown_department: 'Choose a department from the list.',
    unknown_person: 'This person is not known to Kesu.',
    not_department_member: 'The handler must belong to the responsible department.',
    same_department: 'The complaint is already with this department.',
    must_be_after_due: 'The new due time must be later than the current due time and than now.',
    required_when_urgent: 'Required for urgent complaints: describe the containment action taken.',
    required_for_outcome: 'Required for this revisit outcome.',
    nothing_changed: 'Nothing was changed.',
    reason_required: 'Please give the reason (a grade below the customer\'s demand must say why).',
    decided_approval: 'This person decided an approval on the complaint, so someone else must handle it.',
    not_before_approval: 'Grade B and C replies go to the customer only after the GM approves the solution.',
    invalid: 'This value is not valid.',
  } satisfies Record<FieldKey, string>,
  /** More precise variants when the issue carries bounds. */
  range: {
    max: 'The value must be at most {{max}}.',
    min: 'The value must be at least {{min}}.',
    maxItems: 'At most {{max}} items.',
  },
};
