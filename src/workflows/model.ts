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
  'link_repeat',
  'recall',
  'recall_decide',
  'contact',
  'customer_unreachable',
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

export const APPROVAL_KINDS = ['solution', 'claim', 'extension', 'downgrade'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** How the 8D reply reached the customer (seed 001 §5.2, §6.5). */
export const SENT_VIA = ['email', 'fax', 'phone', 'in_person', 'portal', 'post', 'other'] as const;
export type SentVia = (typeof SENT_VIA)[number];

/** What a contact with the customer carried (seed 001 §5.1–5.3, §6.5; the dealership flow's revisit). */
export const CONTACT_WHAT = ['first_response', 'containment_report', 'delay_notice', 'eightd_report', 'resolution', 'revisit', 'other'] as const;
export type ContactWhat = (typeof CONTACT_WHAT)[number];
/** What the contact form records: the 8D report goes through `send_8d`, the revisit through `revisit`. */
export const CONTACT_FORM_WHAT = ['first_response', 'containment_report', 'delay_notice', 'resolution', 'other'] as const;

export interface EightD {
  d1Team: string;
  d2Problem: string;
  d3Containment: string;
  d4RootCause: string;
  /** Short tags for the root cause, for the monthly top-5 (seed 001 §6.10.1). */
  rootCauseTags: string[];
  /** The root cause's category (config `rootCauses.categories`), for the normalised ranking. */
  causeCategory?: string;
  d5Corrective: string;
  d6Verification: string;
  d7Prevention: string;
  d8Closure: string;
  /** Counts the submissions (1 when absent: reports stored before versions): a GM approval binds to one version (seed 002). */
  version?: number;
  /** When, by whom and how this version reached the customer: the 8D deadline is met then (seed 001 §5.2). */
  sent?: { by: string; at: string; via: SentVia; note?: string };
}

/** How bad the defect found in other shipped batches is (seed 001 §6.9: a critical characteristic or a safety function). */
export const RECALL_SEVERITIES = ['safety', 'critical', 'major'] as const;
export type RecallSeverity = (typeof RECALL_SEVERITIES)[number];

export const RECALL_OUTCOMES = ['recall', 'no_recall'] as const;
export type RecallOutcome = (typeof RECALL_OUTCOMES)[number];

/** The GM's word on a recall report: recall with its scope, or no recall with the reason. */
export interface RecallDecision {
  by: string;
  at: string;
  outcome: RecallOutcome;
  /** Recall: which batches/orders are recalled, how many pieces, which customers are told. */
  scope?: string;
  quantity?: number;
  customers?: string;
  /** No recall: why. */
  reason?: string;
}

/**
 * Other shipped batches carry the same defect (seed 001 §6.9): reported by Sales/Quality or the case's
 * department, decided by the GM. A new report replaces a decided one (the timeline keeps both).
 */
export interface Recall {
  reportedBy: string;
  reportedAt: string;
  batches: string;
  orders?: string;
  quantity?: number;
  severity: RecallSeverity;
  note?: string;
  decision?: RecallDecision;
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

export interface Claim {
  amountMinor: number;
  currency: string;
  /** Pieces to be returned (seed 001 §5.7 counts a return by quantity as well as by amount). */
  quantity?: number;
}

/** Why an earlier complaint looks like the same problem. */
export const REPEAT_REASONS = ['customer_product', 'category_product', 'text'] as const;
export type RepeatReason = (typeof REPEAT_REASONS)[number];

/** An earlier complaint suggested as a repeat (at filing or at D4), then confirmed or dismissed by staff. */
export interface RepeatLink {
  id: string;
  number: string;
  reasons: RepeatReason[];
  /** Text similarity 0–1 (title, description and, at D4, the root cause). */
  score: number;
  stage: 'filing' | 'd4';
  suggestedAt: string;
  status: 'suggested' | 'confirmed' | 'dismissed';
  decidedBy?: string;
  decidedAt?: string;
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
  recall?: Recall;
  satisfaction?: number;
  /** Earlier complaints found as possible repeats of this one, and what staff decided (issue 15 item 8). */
  repeats?: RepeatLink[];
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
