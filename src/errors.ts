/**
 * One error type with stable codes. Core code throws KesuError; one place (the adapter's error
 * handler, the CLI's top level) turns it into a localized message and a log line.
 */
export const ErrorCodes = [
  // input
  'validation_failed',
  'config_invalid',
  'unknown_department',
  'unknown_person',
  'unknown_complaint',
  /** A button or card value Kesu does not know (another app's card, an old one). */
  'foreign_button',
  // lifecycle
  'illegal_transition',
  'already_acknowledged',
  'already_in_status',
  'approval_pending',
  'recall_pending',
  'no_pending_recall',
  'claim_not_approved',
  'claim_declined',
  'solution_not_approved',
  'reply_not_sent',
  'reply_already_sent',
  'own_approval',
  'no_pending_approval',
  'repeat_not_suggested',
  'escalation_pending',
  'already_signed_off',
  'concurrent_update',
  // improvement actions (seed 001 §6.10)
  'unknown_improvement',
  'improvement_closed',
  'improvement_usage',
  'improvement_forbidden',
  // accountability (seed 002 §4–5)
  'accountable_unknown_role',
  'accountable_no_rule',
  'accountable_missing',
  'accountable_not_liable',
  'accountable_weights',
  'statement_not_found',
  'statement_forbidden',
  'statement_sign_forbidden',
  'statement_already_signed',
  // permissions
  'forbidden',
  // infrastructure
  'database_unavailable',
  'migration_failed',
  'calendar_not_covered',
  'engine_running',
  'database_replaced',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];

/** Field-level problems, keyed by form field name (or a dotted config path), as message keys with params. */
export interface FieldIssue {
  field: string;
  /** i18n key under `errors.field.*`, e.g. `too_long`. */
  key: string;
  params?: Record<string, string | number>;
}

export class KesuError extends Error {
  readonly code: ErrorCode;
  /** Parameters for the localized message (`errors.<code>` in the i18n bundles). */
  readonly params: Record<string, string | number>;
  readonly fields: FieldIssue[];

  constructor(
    code: ErrorCode,
    params: Record<string, string | number> = {},
    options: { fields?: FieldIssue[]; cause?: unknown; message?: string } = {},
  ) {
    super(options.message ?? `${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`, {
      cause: options.cause,
    });
    this.name = 'KesuError';
    this.code = code;
    this.params = params;
    this.fields = options.fields ?? [];
  }
}

export function isKesuError(e: unknown, code?: ErrorCode): e is KesuError {
  return e instanceof KesuError && (code === undefined || e.code === code);
}
