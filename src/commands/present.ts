/**
 * Neutral views for one viewer, shared by every platform: a complaint card with the viewer's buttons
 * and contact data only where they may see it, its timeline, lists, and "my tasks" (App Home, the
 * Feishu menu, the console), each task saying what is needed from the viewer.
 */
import type { Deps } from './deps.ts';
import type { Locale } from '../config/schema.ts';
import { buildComplaintCard, buildTasks, buildTimeline, type CardView, type TaskEntry, type TasksView, type TimelineView, type ViewContext } from '../notifiers/views/index.ts';
import { translator } from '../notifiers/i18n/index.ts';
import { listStates, timeline } from '../store/complaints.ts';
import { availableActions } from '../workflows/lifecycle.ts';
import type { Action, Actor, ComplaintState } from '../workflows/model.ts';
import { canSeeContact, canView, isLiaison, mayDecideHere } from '../workflows/permissions.ts';

export function localeOf(deps: Deps, actor: Pick<Actor, 'id' | 'locale'>): Locale {
  return actor.locale ?? deps.directory.localeOf(actor.id);
}

export function viewContext(deps: Deps, locale: Locale): ViewContext {
  return { locale, now: deps.clock.now(), timeZone: deps.config.organisation.timeZone, directory: deps.directory };
}

/**
 * The card with this viewer's buttons. Contact data shows only to those who may see it, and never in a
 * channel post (`inChannel`: everyone in the channel reads it; DESIGN.md §8).
 */
export function cardFor(deps: Deps, state: ComplaintState, viewer: Pick<Actor, 'id' | 'locale'>, opts: { inChannel?: boolean } = {}): CardView {
  return buildComplaintCard(state, {
    ...viewContext(deps, localeOf(deps, viewer)),
    actions: availableActions(state, viewer.id, deps),
    showContact: !opts.inChannel && canSeeContact(viewer.id, state.complaint, deps.directory),
  });
}

export async function timelineFor(deps: Deps, state: ComplaintState, locale: Locale): Promise<TimelineView> {
  const events = await timeline(deps.db.prisma, state.complaint.id);
  return buildTimeline(events, { ...viewContext(deps, locale), number: state.complaint.number, currency: deps.config.claims.currency });
}

/** A contact task this person owns: the delay notice is the liaison's (Sales), the containment report and the first contact the department's. */
function owesContact(s: ComplaintState, id: string, deps: Deps): boolean {
  const runs = (kind: string) => s.deadlines.some((d) => d.kind === kind && !d.metAt && !d.cancelledAt);
  const department = deps.directory.isMemberOf(id, s.complaint.department);
  return (runs('delayNotice') && isLiaison(id, s.complaint, deps.directory)) || ((runs('containmentReport') || runs('firstContact')) && department);
}

/** Steps that move a case on; a complaint where the viewer may take one of these is one of their tasks. */
const NEXT_STEPS: readonly Action[] = ['acknowledge', 'approve', 'gm_decide', 'recall_decide', 'submit_8d', 'send_8d', 'contain', 'resolve', 'revisit'];
const ACTIVE = ['open', 'acknowledged', 'awaiting_approval', 'replied', 'resolved', 'reopened', 'escalated'] as const;

/**
 * The complaints waiting for this person to act: `tasks` says what each needs from them with the button
 * for it, the most pressing first; `view` is the same complaints as a plain list (kept for callers that
 * still draw one).
 */
export async function myTasks(deps: Deps, viewer: Pick<Actor, 'id' | 'locale'>): Promise<TasksView> {
  const locale = localeOf(deps, viewer);
  const all = await listStates(deps.db.prisma, { status: [...ACTIVE], take: 500 });
  const entries: TaskEntry[] = all
    .filter((s) => canView(viewer.id, s.complaint, deps.directory, s.approvals))
    .map((s) => ({
      state: s,
      actions: availableActions(s, viewer.id, deps).filter((a) => NEXT_STEPS.includes(a) || (a === 'contact' && owesContact(s, viewer.id, deps))),
      approvals: s.approvals.filter((a) => mayDecideHere(viewer.id, a, s.complaint, deps.directory)),
    }))
    .filter((e) => e.actions.length > 0);
  const tr = translator();
  const ctx = viewContext(deps, locale);
  return buildTasks(entries, { ...ctx, title: tr.t(locale, 'list.mine'), emptyText: tr.t(locale, 'list.emptyMine'), currency: deps.config.claims.currency });
}

