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
  'comment',
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

export const APPROVAL_KINDS = ['solution', 'claim', 'extension'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

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
}

export interface Resolution {
  kinds: ResolutionKind[];
  summary: string;
  /** Money paid or credited, minor units. */
  amountMinor?: number;
  currency?: string;
}

export interface Claim {
  amountMinor: number;
  currency: string;
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
}

export interface Approval {
  id: string;
  kind: ApprovalKind;
  /** A role key or `gm`. */
  requiredRole: string;
  status: 'pending' | 'approved' | 'declined';
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
