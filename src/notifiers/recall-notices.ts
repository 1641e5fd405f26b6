/**
 * Who hears of a recall (seed 001 §6.9) and what they read: a report goes to the heads of the recall
 * departments (Sales and Quality) and to the GMs (DM with the card and the decision button, and the GM
 * channel); the decision goes to the reporter, those heads, the case's handler and head, and the GM
 * channel. The GM's decision deadline is chased by its ladder: GMs reminded, then GMs and the GM
 * channel told it is overdue, then the management channel and the recall departments' heads.
 */
import type { Locale } from '../config/schema.ts';
import type { LadderStep } from '../workflows/ladder.ts';
import type { ComplaintState } from '../workflows/model.ts';
import { translator } from './i18n/index.ts';
import { formatDateTime } from './i18n/format.ts';
import type { Notification, NotifyEnv } from './notifications.ts';
import type { Target } from './targets.ts';
import { fit } from './views/fit.ts';

const person = (id: string): Target => ({ type: 'person', id });
const unique = (ids: readonly string[]): string[] => [...new Set(ids)];
const headsOfRecallDepartments = (env: NotifyEnv) => env.directory.recallDepartments().flatMap((k) => env.directory.headsOf(k));

/** The ladder's recipients for the GM's recall decision. */
export function recallLadderRecipients(step: LadderStep, env: NotifyEnv): Target[] {
  const gms = env.directory.gms().map(person);
  const gmChannel: Target[] = env.config.gmChannel ? [{ type: 'gm_channel' }] : [];
  if (step === 1) return gms;
  if (step === 2) return [...gms, ...gmChannel];
  const mgmt: Target[] = env.config.managementChannel ? [{ type: 'mgmt_channel' }] : [];
  return [...gms, ...gmChannel, ...mgmt, ...unique(headsOfRecallDepartments(env)).map(person)];
}

type Say = (kind: Notification['kind'], type: string, target: Target, text: (l: Locale) => string) => void;

/** The notices of a `recall_reported` or `recall_decided` event, through the caller's `say`. */
export function recallNotices(state: ComplaintState, e: { type: string; data: Record<string, unknown> }, actorId: string, env: NotifyEnv, say: Say): void {
  const c = state.complaint;
  const t = translator();
  const str = (v: unknown) => fit(String(v ?? '—'), 300);
  if (e.type === 'recall_reported') {
    const due = formatDateTime(new Date(String(e.data.dueAt)), env.config.organisation.timeZone);
    const params = (l: Locale) => ({ number: c.number, title: c.title, severity: t.t(l, `recallSeverity.${String(e.data.severity)}`), batches: str(e.data.batches), due });
    for (const id of unique(headsOfRecallDepartments(env)).filter((x) => x !== actorId && !env.directory.isGm(x))) {
      say('recall', e.type, person(id), (l) => t.t(l, 'recall.notify.reported', params(l)));
    }
    for (const id of env.directory.gms()) say('recall', `${e.type}:gm`, person(id), (l) => t.t(l, 'recall.notify.decide', params(l)));
    if (env.config.gmChannel) say('recall', `${e.type}:channel`, { type: 'gm_channel' }, (l) => t.t(l, 'recall.notify.reported', params(l)));
  } else if (e.type === 'recall_decided') {
    const recall = e.data.outcome === 'recall';
    const text = (l: Locale) =>
      t.t(l, recall ? 'recall.notify.decidedRecall' : 'recall.notify.decidedNoRecall', { number: c.number, title: c.title, scope: str(e.data.scope), reason: str(e.data.reason) });
    const told = unique([String(e.data.reportedBy ?? ''), ...headsOfRecallDepartments(env), ...(c.handlerId ? [c.handlerId] : []), ...env.directory.headsOf(c.department)]);
    for (const id of told.filter((x) => x && x !== actorId && env.directory.person(x))) say('recall', e.type, person(id), text);
    if (env.config.gmChannel) say('recall', `${e.type}:channel`, { type: 'gm_channel' }, text);
  }
}
