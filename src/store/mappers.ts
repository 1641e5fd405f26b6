/** Rows ↔ domain objects. Optional domain fields become NULL (Prisma treats undefined as "leave as is"). */
import type * as Row from './generated/sqlite/client.ts';
import type { Approval, Complaint, Deadline, TimelineEvent } from '../workflows/model.ts';

const json = <T>(s: string | null): T | undefined => (s === null ? undefined : (JSON.parse(s) as T));
const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
const date = (v: Date | null): Date | undefined => (v === null ? undefined : new Date(v));

export function complaintFromRow(r: Row.Complaint): Complaint {
  const order = {
    orderNo: opt(r.orderNo),
    productNo: opt(r.productNo),
    qtyOrdered: opt(r.qtyOrdered),
    qtyShipped: opt(r.qtyShipped),
    qtyAffected: opt(r.qtyAffected),
    shipDate: opt(r.shipDate),
  };
  return {
    id: r.id,
    number: r.number,
    year: r.year,
    seq: r.seq,
    title: r.title,
    description: r.description,
    demand: r.demand as Complaint['demand'],
    customer: {
      name: r.customerName,
      company: opt(r.customerCompany),
      contact: opt(r.customerContact),
      region: r.customerRegion as Complaint['customer']['region'],
    },
    intakeChannel: r.intakeChannel as Complaint['intakeChannel'],
    receivedAt: new Date(r.receivedAt),
    category: r.category,
    grade: r.grade as Complaint['grade'],
    urgent: r.urgent,
    safety: r.safety ?? false,
    ...(r.gmEscalations ? { gmEscalations: JSON.parse(r.gmEscalations) as Complaint['gmEscalations'] } : {}),
    order: Object.values(order).some((v) => v !== undefined) ? order : undefined,
    claim:
      r.claimMinor === null
        ? undefined
        : { amountMinor: Number(r.claimMinor), currency: r.claimCurrency ?? 'CNY', ...(r.claimQuantity !== null ? { quantity: r.claimQuantity } : {}) },
    department: r.department,
    handlerId: opt(r.handlerId),
    ...(r.formerHandlers ? { formerHandlers: JSON.parse(r.formerHandlers) as string[] } : {}),
    filerId: r.filerId,
    status: r.status as Complaint['status'],
    firstResponse: opt(r.firstResponse),
    containment: opt(r.containment),
    eightD: json(r.eightD),
    resolution: json(r.resolution),
    rejection: json(r.rejection),
    gmDecision: opt(r.gmDecision),
    recall: json(r.recall),
    satisfaction: opt(r.satisfaction),
    ...(r.repeats ? { repeats: JSON.parse(r.repeats) as Complaint['repeats'] } : {}),
    reopenCount: r.reopenCount,
    revisitAttempts: r.revisitAttempts,
    acknowledgedAt: date(r.acknowledgedAt),
    repliedAt: date(r.repliedAt),
    resolvedAt: date(r.resolvedAt),
    closedAt: date(r.closedAt),
    version: r.version,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
  };
}

/** Every mutable column, for create and update alike. */
export function complaintToRow(c: Complaint): Omit<Row.Complaint, 'id' | 'number' | 'year' | 'seq' | 'sourceKey' | 'version'> {
  return {
    title: c.title,
    description: c.description,
    demand: c.demand,
    customerName: c.customer.name,
    customerCompany: c.customer.company ?? null,
    customerContact: c.customer.contact ?? null,
    customerRegion: c.customer.region,
    intakeChannel: c.intakeChannel,
    receivedAt: c.receivedAt,
    category: c.category,
    grade: c.grade,
    urgent: c.urgent,
    safety: c.safety ?? false,
    gmEscalations: c.gmEscalations?.length ? JSON.stringify(c.gmEscalations) : null,
    orderNo: c.order?.orderNo ?? null,
    productNo: c.order?.productNo ?? null,
    qtyOrdered: c.order?.qtyOrdered ?? null,
    qtyShipped: c.order?.qtyShipped ?? null,
    qtyAffected: c.order?.qtyAffected ?? null,
    shipDate: c.order?.shipDate ?? null,
    claimMinor: c.claim ? BigInt(c.claim.amountMinor) : null,
    claimCurrency: c.claim?.currency ?? null,
    claimQuantity: c.claim?.quantity ?? null,
    department: c.department,
    handlerId: c.handlerId ?? null,
    formerHandlers: c.formerHandlers?.length ? JSON.stringify(c.formerHandlers) : null,
    filerId: c.filerId,
    status: c.status,
    firstResponse: c.firstResponse ?? null,
    containment: c.containment ?? null,
    eightD: c.eightD ? JSON.stringify(c.eightD) : null,
    resolution: c.resolution ? JSON.stringify(c.resolution) : null,
    rejection: c.rejection ? JSON.stringify(c.rejection) : null,
    gmDecision: c.gmDecision ?? null,
    recall: c.recall ? JSON.stringify(c.recall) : null,
    satisfaction: c.satisfaction ?? null,
    repeats: c.repeats?.length ? JSON.stringify(c.repeats) : null,
    reopenCount: c.reopenCount,
    revisitAttempts: c.revisitAttempts,
    acknowledgedAt: c.acknowledgedAt ?? null,
    repliedAt: c.repliedAt ?? null,
    resolvedAt: c.resolvedAt ?? null,
    closedAt: c.closedAt ?? null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function deadlineFromRow(r: Row.Deadline): Deadline {
  return {
    kind: r.kind as Deadline['kind'],
    startsAt: new Date(r.startsAt),
    dueAt: new Date(r.dueAt),
    metAt: date(r.metAt),
    breachedAt: date(r.breachedAt),
    cancelledAt: date(r.cancelledAt),
    ladderStep: r.ladderStep,
    nextStepAt: date(r.nextStepAt),
    extensions: r.extensions,
    ...(r.earlierBreaches ? { earlierBreaches: r.earlierBreaches } : {}),
  };
}

export function deadlineToRow(d: Deadline, updatedAt: Date) {
  return {
    startsAt: d.startsAt,
    dueAt: d.dueAt,
    metAt: d.metAt ?? null,
    breachedAt: d.breachedAt ?? null,
    cancelledAt: d.cancelledAt ?? null,
    ladderStep: d.ladderStep,
    nextStepAt: d.nextStepAt ?? null,
    extensions: d.extensions,
    earlierBreaches: d.earlierBreaches ?? 0,
    updatedAt,
  };
}

export function approvalFromRow(r: Row.Approval): Approval {
  return {
    id: r.id,
    kind: r.kind as Approval['kind'],
    requiredRole: r.requiredRole,
    status: r.status as Approval['status'],
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    requestedBy: r.requestedBy,
    requestedAt: new Date(r.requestedAt),
    decidedBy: opt(r.decidedBy),
    decidedAt: date(r.decidedAt),
    note: opt(r.note),
  };
}

export function approvalToRow(a: Approval) {
  return {
    kind: a.kind,
    requiredRole: a.requiredRole,
    status: a.status,
    payload: JSON.stringify(a.payload),
    requestedBy: a.requestedBy,
    requestedAt: a.requestedAt,
    decidedBy: a.decidedBy ?? null,
    decidedAt: a.decidedAt ?? null,
    note: a.note ?? null,
  };
}

export function eventFromRow(r: Row.ComplaintEvent): TimelineEvent {
  return { seq: r.seq, type: r.type, actorId: r.actorId, at: new Date(r.at), data: JSON.parse(r.data) as Record<string, unknown> };
}
