/**
 * Repeat detection's look-ups (issue 15 item 8): one key row per complaint, and the bounded set of earlier
 * complaints a new one is compared with — by customer, by product number and by category, each within the
 * look-back window through its own index, newest first, at most `POOL` each — with their texts.
 */
import type { Complaint, EightD } from '../workflows/model.ts';
import { customerKeyOf, productKeyOf, repeatTextOf, type RepeatCandidate, type RepeatSubject } from '../workflows/repeats.ts';
import type { Tx } from './complaints.ts';

/** Rows per look-up: bounds the work of one check whatever the size of the table. */
export const POOL = 200;
const DAY = 86_400_000;

/** Written in the filing's transaction; the keys never change afterwards (customer, product and category are fixed at filing). */
export async function writeRepeatKey(tx: Tx, c: Complaint): Promise<void> {
  await tx.repeatKey.create({
    data: {
      complaintId: c.id,
      number: c.number,
      customerKey: customerKeyOf(c.customer),
      productKey: productKeyOf(c.order?.productNo) ?? null,
      category: c.category,
      receivedAt: c.receivedAt,
      createdAt: c.createdAt,
    },
  });
}

/** The earlier complaints worth comparing with `subject`: same customer, same product number, or same category, within the look-back. */
export async function repeatCandidates(tx: Tx, subject: RepeatSubject, lookBackDays: number): Promise<RepeatCandidate[]> {
  const receivedAt = { gte: new Date(subject.receivedAt.getTime() - lookBackDays * DAY) };
  const createdAt = { lte: subject.createdAt };
  const query = (where: { customerKey: string } | { productKey: string } | { category: string }) =>
    tx.repeatKey.findMany({ where: { ...where, receivedAt, createdAt }, orderBy: { receivedAt: 'desc' }, take: POOL });
  // One after the other: a transaction's queries share one connection.
  const groups = [
    ...(subject.customerKey ? await query({ customerKey: subject.customerKey }) : []),
    ...(subject.productKey ? await query({ productKey: subject.productKey }) : []),
    ...(await query({ category: subject.category })),
  ];
  const keys = new Map(groups.filter((k) => k.complaintId !== subject.id).map((k) => [k.complaintId, k]));
  if (!keys.size) return [];
  const texts = await tx.complaint.findMany({
    where: { id: { in: [...keys.keys()] } },
    select: { id: true, title: true, description: true, eightD: true },
  });
  return texts.map((t) => {
    const k = keys.get(t.id)!;
    const eightD = t.eightD ? (JSON.parse(t.eightD) as EightD) : undefined;
    return {
      id: t.id,
      number: k.number,
      receivedAt: new Date(k.receivedAt),
      createdAt: new Date(k.createdAt),
      customerKey: k.customerKey,
      ...(k.productKey ? { productKey: k.productKey } : {}),
      category: k.category,
      text: repeatTextOf(t),
      ...(eightD?.d4RootCause ? { rootCause: eightD.d4RootCause } : {}),
    };
  });
}

/**
 * Look-up rows for complaints filed before repeat detection existed (run once, by the process that applied
 * the migration adding the table), in batches by id; complaints that have a row already are left alone.
 */
export async function backfillRepeatKeys(db: { prisma: Tx }, batch = 1000): Promise<number> {
  let written = 0;
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.prisma.complaint.findMany({
      select: { id: true, number: true, customerName: true, customerCompany: true, productNo: true, category: true, receivedAt: true, createdAt: true },
      orderBy: { id: 'asc' },
      take: batch,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (!rows.length) return written;
    cursor = rows.at(-1)!.id;
    const have = new Set((await db.prisma.repeatKey.findMany({ where: { complaintId: { in: rows.map((r) => r.id) } }, select: { complaintId: true } })).map((k) => k.complaintId));
    const missing = rows.filter((r) => !have.has(r.id));
    if (missing.length) {
      await db.prisma.repeatKey.createMany({
        data: missing.map((r) => ({
          complaintId: r.id,
          number: r.number,
          customerKey: customerKeyOf({ name: r.customerName, company: r.customerCompany ?? undefined }),
          productKey: productKeyOf(r.productNo ?? undefined) ?? null,
          category: r.category,
          receivedAt: r.receivedAt,
          createdAt: r.createdAt,
        })),
      });
      written += missing.length;
    }
  }
}
