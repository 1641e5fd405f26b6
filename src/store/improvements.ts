/** The improvement actions' table: opened with a monthly report, stepped by the engine, closed by their owner. */
import type { Tx } from './complaints.ts';
import type { Improvement, ImprovementStatus } from '../workflows/improvements.ts';

type Row = Awaited<ReturnType<Tx['improvement']['findFirstOrThrow']>>;

function fromRow(r: Row): Improvement {
  return {
    id: r.id,
    period: r.period,
    rank: r.rank,
    causeKey: r.causeKey,
    count: r.count,
    department: r.department,
    ownerId: r.ownerId,
    status: r.status as ImprovementStatus,
    dueAt: r.dueAt,
    ladderStep: r.ladderStep,
    nextStepAt: r.nextStepAt,
    complaints: JSON.parse(r.complaints) as string[],
    ...(r.closedBy ? { closedBy: r.closedBy } : {}),
    ...(r.closingNote ? { closingNote: r.closingNote } : {}),
    createdAt: r.createdAt,
    ...(r.closedAt ? { closedAt: r.closedAt } : {}),
  };
}

/** Writes the actions that do not exist yet (by id, and by period and cause); returns those written. */
export async function insertImprovements(tx: Tx, items: readonly Improvement[], now: Date): Promise<Improvement[]> {
  const written: Improvement[] = [];
  for (const i of items) {
    const exists = await tx.improvement.findFirst({ where: { OR: [{ id: i.id }, { period: i.period, causeKey: i.causeKey }] }, select: { id: true } });
    if (exists) continue;
    await tx.improvement.create({
      data: {
        id: i.id,
        period: i.period,
        rank: i.rank,
        causeKey: i.causeKey,
        count: i.count,
        department: i.department,
        ownerId: i.ownerId,
        status: i.status,
        dueAt: i.dueAt,
        ladderStep: i.ladderStep,
        nextStepAt: i.nextStepAt,
        complaints: JSON.stringify(i.complaints),
        createdAt: i.createdAt,
        updatedAt: now,
      },
    });
    written.push(i);
  }
  return written;
}

export async function loadImprovement(tx: Tx, id: string): Promise<Improvement | null> {
  const r = await tx.improvement.findUnique({ where: { id: id.toUpperCase() } });
  return r ? fromRow(r) : null;
}

/** The open actions, and those closed in [closedFrom, closedBefore), oldest first. */
export async function improvementsToReport(tx: Tx, closedFrom: Date, closedBefore: Date): Promise<Improvement[]> {
  const rows = await tx.improvement.findMany({
    where: { OR: [{ status: 'open' }, { status: 'closed', closedAt: { gte: closedFrom, lt: closedBefore } }] },
    orderBy: [{ period: 'asc' }, { rank: 'asc' }],
    take: 500,
  });
  return rows.map(fromRow);
}

export async function openImprovements(tx: Tx): Promise<Improvement[]> {
  return (await tx.improvement.findMany({ where: { status: 'open' }, orderBy: [{ period: 'asc' }, { rank: 'asc' }], take: 500 })).map(fromRow);
}

export async function dueImprovements(tx: Tx, now: Date, take: number): Promise<Improvement[]> {
  return (await tx.improvement.findMany({ where: { status: 'open', nextStepAt: { lte: now } }, orderBy: { nextStepAt: 'asc' }, take })).map(fromRow);
}

/** Compare-and-set of one ladder step: true when this caller moved it. */
export async function claimImprovementStep(tx: Tx, imp: Pick<Improvement, 'id' | 'ladderStep' | 'nextStepAt'>, next: { ladderStep: number; nextStepAt: Date | null }, now: Date): Promise<boolean> {
  const r = await tx.improvement.updateMany({
    where: { id: imp.id, status: 'open', ladderStep: imp.ladderStep, nextStepAt: imp.nextStepAt },
    data: { ladderStep: next.ladderStep, nextStepAt: next.nextStepAt, updatedAt: now },
  });
  return r.count === 1;
}

/** Closes an open action; false when it was no longer open. */
export async function closeImprovementRow(tx: Tx, id: string, by: string, note: string, now: Date): Promise<boolean> {
  const r = await tx.improvement.updateMany({
    where: { id, status: 'open' },
    data: { status: 'closed', closedBy: by, closingNote: note, closedAt: now, nextStepAt: null, updatedAt: now },
  });
  return r.count === 1;
}
