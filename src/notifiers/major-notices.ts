/**
 * Who hears of a major complaint (seed 001 §7.1.6, §7.3.5): filed (or re-graded) grade C, or urgent with a
 * safety issue → every GM by DM with the card, and the GM channel gets the card; escalated by hand → the
 * GMs by DM with the reason and the card, and the GM channel its card and a line saying who and why. Pure.
 */
import type { Locale } from '../config/schema.ts';
import { isMajor, openEscalations } from '../workflows/major.ts';
import type { Complaint, ComplaintState } from '../workflows/model.ts';
import { translator } from './i18n/index.ts';
import type { Notification, NotifyEnv } from './notifications.ts';
import type { Target } from './targets.ts';
import { fit } from './views/fit.ts';

export type Say = (kind: Notification['kind'], type: string, target: Target, text: (l: Locale) => string) => void;

/** The complaint belongs in the GM channel: major, or escalated there by hand. */
export const onGmList = (c: Complaint): boolean => isMajor(c) || (c.gmEscalations?.length ?? 0) > 0;

export function majorNotices(state: ComplaintState, e: { type: string; data: Record<string, unknown> }, actorId: string, env: NotifyEnv, say: Say): void {
  const c = state.complaint;
  const t = translator();
  const gms = env.directory.gms().filter((id) => id !== actorId);
  const gmChannel: Target = { type: 'gm_channel' };
  const dept = (l: Locale) => env.directory.departmentName(c.department, l);
  if (e.type === 'major_flagged') {
    const roles = Array.isArray(e.data.coOwners) ? e.data.coOwners.map(String) : [];
    const text = (l: Locale) => {
      const why = t.t(l, c.grade === 'C' ? 'major.notify.whyC' : 'major.notify.whySafety');
      const head = t.t(l, 'major.notify.flagged', { number: c.number, why, department: dept(l), title: c.title });
      if (!roles.length) return head;
      const names = roles.map((r) => env.directory.roleName(r, l)).join(t.t(l, 'card.separator'));
      return `${head}\n${t.t(l, 'major.notify.coOwners', { coOwners: names })}`;
    };
    for (const id of gms) say('major', e.type, { type: 'person', id }, text);
    say('card', `${e.type}:gm`, gmChannel, text);
    return;
  }
  // Escalated by hand: the reason goes with it, to every GM and to the GM channel under its card.
  const reason = fit(String(e.data.reason ?? ''), 500);
  const by = (l: Locale) => env.directory.displayName(actorId, l);
  const key = `${e.type}:${openEscalations(c).length}`;
  for (const id of gms) say('escalated_case', key, { type: 'person', id }, (l) => t.t(l, 'major.notify.escalated', { by: by(l), number: c.number, reason, title: c.title }));
  say('card', `${key}:gm`, gmChannel, (l) => t.t(l, 'major.notify.escalated', { by: by(l), number: c.number, reason, title: c.title }));
  say('escalated_case', `${key}:gm-line`, gmChannel, (l) => t.t(l, 'major.notify.escalatedChannel', { by: by(l), number: c.number, reason }));
}
