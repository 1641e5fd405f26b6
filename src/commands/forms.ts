/**
 * Forms for every platform: open the filing form or an action's form for a person (checking first
 * that they may take the action now, so a click on a stale button gets the reason at once), and
 * submit one — file or act — turning validation problems into the same form with its errors.
 */
import type { Deps } from './deps.ts';
import { act } from './act.ts';
import { fileComplaint } from './file.ts';
import { KesuError, isKesuError } from '../errors.ts';
import { formatError, translator } from '../notifiers/i18n/index.ts';
import { buildForm, type FormContext } from '../notifiers/views/forms.ts';
import type { FormId, FormOption, FormView } from '../notifiers/views/types.ts';
import { loadState } from '../store/complaints.ts';
import { claimCurrencies } from '../workflows/claims.ts';
import { mayDecideHere } from '../workflows/permissions.ts';
import { assertAllowed } from '../workflows/lifecycle.ts';
import { ACTIONS, type Action, type Actor, type ComplaintState } from '../workflows/model.ts';

export const isAction = (id: string): id is Action => (ACTIONS as readonly string[]).includes(id);

/** Everything a form view needs besides the values and errors: choices from the config, the complaint. */
export function formContext(deps: Deps, actor: Actor, complaint?: ComplaintState): FormContext {
  const { config, directory } = deps;
  const locale = actor.locale ?? directory.localeOf(actor.id);
  const people: FormOption[] | undefined = complaint
    ? directory.membersOf(complaint.complaint.department).map((id) => ({ value: id, label: directory.displayName(id, locale) }))
    : undefined;
  return {
    locale,
    now: deps.clock.now(),
    timeZone: config.organisation.timeZone,
    directory,
    ...(complaint ? { complaint } : {}),
    categories: directory.categories().map((c) => ({ value: c.key, label: directory.categoryName(c.key, locale) })),
    departments: directory.departments().map((d) => ({ value: d.key, label: directory.departmentName(d.key, locale) })),
    ...(people ? { people } : {}),
    currencies: claimCurrencies(config.claims).map((c) => ({ value: c, label: c })),
    causeCategories: config.rootCauses.categories.map((c) => ({ value: c.key, label: locale === 'en' ? c.name.en : c.name.zh })),
    ...(complaint ? { decidable: complaint.approvals.filter((a) => mayDecideHere(actor.id, a, complaint.complaint, directory)).map((a) => a.kind) } : {}),
  };
}

async function complaintFor(deps: Deps, ref: string | undefined): Promise<ComplaintState> {
  const state = ref ? await loadState(deps.db.prisma, ref) : null;
  if (!state) throw new KesuError('unknown_complaint', { ref: ref ?? '' });
  return state;
}

/**
 * The form `id` for `actor`, prefilled. Action forms throw the coded reason when the action is not
 * possible for this person now ("already acknowledged by …", "forbidden").
 */
export async function openForm(deps: Deps, actor: Actor, id: FormId, opts: { complaint?: string; values?: Record<string, unknown> } = {}): Promise<FormView> {
  if (id === 'file') return buildForm('file', { ...formContext(deps, actor), ...(opts.values ? { values: opts.values } : {}) });
  const state = await complaintFor(deps, opts.complaint);
  assertAllowed(state, id, actor, deps);
  return buildForm(id, { ...formContext(deps, actor, state), ...(opts.values ? { values: opts.values } : {}) });
}

export type SubmitOutcome =
  /**
   * `duplicate`: this very request was carried out before (a repeated delivery); nothing new was written.
   * `message`: the confirmation, in the actor's language ("Filed KS-2026-0001 and sent it to Quality.").
   */
  | { ok: true; state: ComplaintState; duplicate: boolean; message: string }
  /** Refused: the form again with the values typed and the errors beside their fields; `message` says why overall. */
  | { ok: false; code: string; message: string; form: FormView };

/**
 * Submit a form. A coded refusal (validation, permission, an illegal or lost race) comes back as the
 * form with its errors; nothing was written. Anything else (the database is down) is thrown.
 */
export async function submitForm(
  deps: Deps,
  actor: Actor,
  id: FormId,
  values: Record<string, unknown>,
  opts: { complaint?: string; requestKey?: string } = {},
): Promise<SubmitOutcome> {
  try {
    const r =
      id === 'file'
        ? await fileComplaint(deps, actor, opts.requestKey && !values.sourceKey ? { ...values, sourceKey: opts.requestKey } : values)
        : await act(deps, actor, opts.complaint ?? '', id, values, opts.requestKey ? { requestKey: opts.requestKey } : {});
    return { ok: true, state: r.state, duplicate: r.duplicate, message: confirmation(deps, id, r.state, r.duplicate, actor) };
  } catch (e) {
    if (!isKesuError(e) || isInfrastructure(e)) throw e;
    const state = id === 'file' || !opts.complaint ? undefined : ((await loadState(deps.db.prisma, opts.complaint)) ?? undefined);
    const ctx = formContext(deps, actor, state);
    const { message } = formatError(e, ctx.locale, { timeZone: ctx.timeZone });
    return { ok: false, code: e.code, message, form: buildForm(id, { ...ctx, values, errors: e.fields }) };
  }
}

function confirmation(deps: Deps, id: FormId, state: ComplaintState, duplicate: boolean, actor: Actor): string {
  const tr = translator();
  const locale = actor.locale ?? deps.directory.localeOf(actor.id);
  const c = state.complaint;
  if (id === 'file') {
    return tr.t(locale, duplicate ? 'commands.filedAgain' : 'commands.filed', { number: c.number, department: deps.directory.departmentName(c.department, locale) });
  }
  const held = id === 'resolve' && c.status !== 'resolved' ? state.approvals.find((a) => a.kind === 'claim' && a.status === 'pending') : undefined;
  if (held && !duplicate) {
    return tr.t(locale, 'commands.payoutHeld', { number: c.number, approver: deps.directory.roleName(held.requiredRole, locale) });
  }
  return tr.t(locale, 'commands.acted', { number: c.number, action: tr.t(locale, `action.${id}`), status: tr.t(locale, `status.${c.status}`) });
}

function isInfrastructure(e: KesuError): boolean {
  return e.code === 'database_unavailable' || e.code === 'migration_failed' || e.code === 'engine_running' || e.code === 'concurrent_update';
}
