/**
 * The complaint record and its vocabulary (DESIGN.md §2–3). Plain data, no I/O.
 */
import type { DeadlineKind } from '../config/schema.ts';

export const STATUSES = [
  'open',
  'acknowledged',
  'awaiting_approval',
  'replied',
  'resolved',
  'reopened',
  'escalated',
  'closed',
  'rejected',
] as const;
export type Status = (typeof STATUSES)[number];

export const ACTIONS = [
  'acknowledge',
  'reassign',
  'extend',
  'submit_8d',
  'approve',
  'resolve',
  'revisit',
  'gm_decide',
  'reject',
  'reopen',
  'regrade',
  'claim',
  'contain',
  'send_8d',
  'comment',
  'escalate',
] as const;
export type Action = (typeof ACTIONS)[number];

export const DEMANDS = ['apology', 'replacement', 'redo', 'refund', 'compensation', 'other'] as const;
export type Demand = (typeof DEMANDS)[number];

export const INTAKE_CHANNELS = ['phone', 'email', 'in_person', 'online', 'social', 'other'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export const REGIONS = ['domestic', 'foreign'] as const;
export type Region = (typeof REGIONS)[number];

/** A minor, B serious (redo asked), C severe (refund asked) — seed 002. */
export const GRADES = ['A', 'B', 'C'] as const;
export type Grade = (typeof GRADES)[number];

/** Seed 001 §5.6: claims the company does not accept. */
export const REJECT_REASONS = ['out_of_warranty', 'not_our_product', 'misuse', 'conforms_to_contract', 'other'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const REVISIT_OUTCOMES = ['satisfied', 'unsatisfied', 'unreachable'] as const;
export type RevisitOutcome = (typeof REVISIT_OUTCOMES)[number];

export const RESOLUTION_KINDS = ['replacement', 'refund', 'repair', 'redo', 'apology', 'compensation', 'other'] as const;
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number];

/** `signoff`: the co-owners of a grade C complaint sign off its resolution (seed 002 §3). */
export const APPROVAL_KINDS = ['solution', 'claim', 'extension', 'downgrade', 'signoff'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** How the 8D reply reached the customer (seed 001 §5.2, §6.5). */
export const SENT_VIA = ['email', 'fax', 'phone', 'in_person', 'portal', 'post', 'other'] as const;
export type SentVia = (typeof SENT_VIA)[number];

export interface EightD {
  d1Team: string;
  d2Problem: string;
  d3Containment: string;
  d4RootCause: string;
  /** Short tags for the root cause, for the monthly top-5 (seed 001 §6.10.1). */
  rootCauseTags: string[];
  d5Corrective: string;
  d6Verification: string;
  d7Prevention: string;
  d8Closure: string;
  /** Counts the submissions (1 when absent: reports stored before versions): a GM approval binds to one version (seed 002). */
  version?: number;
  /** When, by whom and how this version reached the customer: the 8D deadline is met then (seed 001 §5.2). */
  sent?: { by: string; at: string; via: SentVia; note?: string };
}

export interface Resolution {
  kinds: ResolutionKind[];
  summary: string;
  /** Money paid or credited, minor units. */
  amountMinor?: number;
  currency?: string;
  /** Pieces taken back. */
  quantity?: number;
  /** Everything committed to this customer on this complaint so far, this resolution included (base currency). */
  paid?: { amountBaseMinor: number; quantity: number };
}

export interface GmEscalation {
  by: string;
  at: string;
  reason: string;
  /** When a GM first acted on the complaint after it (a comment, a decision): no longer waiting. */
  answeredAt?: string;
  answeredBy?: string;
}

export interface Claim {
  amountMinor: number;
  currency: string;
  /** Pieces to be returned (seed 001 §5.7 counts a return by quantity as well as by amount). */
  quantity?: number;
}

export interface Complaint {
  id: string;
  number: string;
  year: number;
  seq: number;
  title: string;
  description: string;
  demand: Demand;
  customer: { name: string; company?: string; contact?: string; region: Region };
  intakeChannel: IntakeChannel;
  receivedAt: Date;
  category: string;
  grade: Grade;
  urgent: boolean;
  /** A safety issue (a critical or safety characteristic): urgent and safety makes the complaint major (seed 001 §7.1.6). */
  safety?: boolean;
  /** Escalations to the GM by hand ("escalate to the GM now"), oldest first; answered when the GM next acts. */
  gmEscalations?: GmEscalation[];
  order?: {
    orderNo?: string;
    productNo?: string;
    qtyOrdered?: number;
    qtyShipped?: number;
    qtyAffected?: number;
    shipDate?: string;
  };
  claim?: Claim;
  department: string;
  handlerId?: string;
  /** Who handled it before the current handler (a reassign or a new acknowledgement): they may not approve on it either. */
  formerHandlers?: string[];
  filerId: string;
  status: Status;
  firstResponse?: string;
  containment?: string;
  eightD?: EightD;
  resolution?: Resolution;
  rejection?: { reason: RejectReason; note: string };
  gmDecision?: string;
  satisfaction?: number;
  reopenCount: number;
  revisitAttempts: number;
  acknowledgedAt?: Date;
  repliedAt?: Date;
  resolvedAt?: Date;
  closedAt?: Date;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface Deadline {
  kind: DeadlineKind;
  startsAt: Date;
  dueAt: Date;
  metAt?: Date;
  breachedAt?: Date;
  cancelledAt?: Date;
  ladderStep: number;
  nextStepAt?: Date;
  extensions: number;
  /** Breaches of earlier rounds of this deadline (a reopen's new response deadline, a new approval request). */
  earlierBreaches?: number;
}

export interface Approval {
  id: string;
  kind: ApprovalKind;
  /** A role key or `gm`. */
  requiredRole: string;
  /** `superseded`: replaced by a newer request of the same kind before it was decided (an amended claim). */
  status: 'pending' | 'approved' | 'declined' | 'superseded';
  payload: Record<string, unknown>;
  requestedBy: string;
  requestedAt: Date;
  decidedBy?: string;
  decidedAt?: Date;
  note?: string;
}

export interface TimelineEvent {
  seq: number;
  type: string;
  actorId: string;
  at: Date;
  data: Record<string, unknown>;
}

/** A complaint with everything a decision or a view needs. */
export interface ComplaintState {
  complaint: Complaint;
  deadlines: Deadline[];
  approvals: Approval[];
}

/** Who is acting: a person key from config, or a platform identity for staff not in config (`slack:U…`). */
export interface Actor {
  id: string;
  name: string;
  locale?: 'zh-CN' | 'en';
}
