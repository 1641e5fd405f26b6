/** Read-only commands: show one complaint with its timeline, list complaints, what is due at a time. */
import type { Deps } from './deps.ts';
import { KesuError } from '../errors.ts';
import { dueSteps, listStates, loadState, timeline, type DueStep, type ListFilter } from '../store/complaints.ts';
import type { Actor, ComplaintState, TimelineEvent } from '../workflows/model.ts';
import { canView } from '../workflows/permissions.ts';

export async function show(deps: Deps, actor: Actor, ref: string): Promise<{ state: ComplaintState; timeline: TimelineEvent[] }> {
  const state = await loadState(deps.db.prisma, ref);
  if (!state) throw new KesuError('unknown_complaint', { ref });
  if (!canView(actor.id, state.complaint, deps.directory, state.approvals)) {
    throw new KesuError('forbidden', { number: state.complaint.number, action: 'show' });
  }
  return { state, timeline: await timeline(deps.db.prisma, state.complaint.id) };
}

/** Complaints the actor may see, filtered. Operators (the CLI) pass `actor: undefined` to see all. */
export async function list(deps: Deps, actor: Actor | undefined, filter: ListFilter): Promise<ComplaintState[]> {
  const states = await listStates(deps.db.prisma, filter);
  return actor ? states.filter((s) => canView(actor.id, s.complaint, deps.directory, s.approvals)) : states;
}

export async function due(deps: Deps, at: Date): Promise<DueStep[]> {
  return dueSteps(deps.db.prisma, at);
}
