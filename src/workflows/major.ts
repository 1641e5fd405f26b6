/**
 * Major complaints (seed 001 §7.1.6, §7.3.5; seed 002 §3): grade C, or urgent with a safety issue, go to
 * the GM at once; a grade C complaint is co-owned by customer service's manager and the responsible
 * department's head, who both sign off its resolution (config `procedure.major.coOwners`). Pure.
 */
import { departmentHeadRole } from '../config/directory.ts';
import { DEPARTMENT_HEAD_ROLE, type ChainStep, type OrgConfig } from '../config/schema.ts';
import type { Complaint, GmEscalation } from './model.ts';

type Graded = Pick<Complaint, 'grade' | 'urgent' | 'safety'>;

/** Grade C, or urgent and a safety issue: the GM hears of it when it is filed (or becomes so). */
export const isMajor = (c: Graded): boolean => c.grade === 'C' || (c.urgent && c.safety === true);

/** Grade C with co-owners configured: its resolution waits for their sign-offs. */
export const needsSignoff = (c: Pick<Complaint, 'grade'>, config: Pick<OrgConfig, 'procedure'>): boolean =>
  c.grade === 'C' && config.procedure.major.coOwners.length > 0;

/** The co-owners' roles for this complaint, in order: `department_head` becomes the responsible department's heads. */
export function coOwnerRoles(c: Pick<Complaint, 'department'>, config: Pick<OrgConfig, 'procedure'>): string[] {
  return config.procedure.major.coOwners.map((r) => (r === DEPARTMENT_HEAD_ROLE ? departmentHeadRole(c.department) : r));
}

/** The sign-off chain of a grade C resolution: one signature per co-owner. */
export const signoffChain = (c: Pick<Complaint, 'department'>, config: Pick<OrgConfig, 'procedure'>): ChainStep[] =>
  coOwnerRoles(c, config).map((role) => ({ role, as: 'sign' }));

/** Escalations by hand the GM has not answered yet. */
export const openEscalations = (c: Pick<Complaint, 'gmEscalations'>): GmEscalation[] => (c.gmEscalations ?? []).filter((e) => !e.answeredAt);
