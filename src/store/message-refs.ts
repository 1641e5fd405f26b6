/** Where a complaint's card was posted on each platform and channel (the card and its thread reply), so later changes update it in place. */
import type { Database } from './client.ts';

export interface CardPlace {
  complaintId: string;
  platform: string;
  address: string;
}

/** The card's message and, where the platform has threads, its timeline reply. */
export interface CardRefs {
  messageId: string;
  threadId?: string;
}

export async function findCardMessage(db: Database, p: CardPlace): Promise<CardRefs | undefined> {
  const ref = await db.prisma.messageRef.findUnique({ where: { complaintId_platform_address: p }, select: { messageId: true, threadId: true } });
  return ref ? { messageId: ref.messageId, ...(ref.threadId ? { threadId: ref.threadId } : {}) } : undefined;
}

export async function saveCardMessage(db: Database, p: CardPlace, refs: CardRefs, at: Date): Promise<void> {
  const id = `${p.complaintId}:${p.platform}:${p.address}`;
  const data = { messageId: refs.messageId, threadId: refs.threadId ?? null, updatedAt: at };
  await db.prisma.messageRef.upsert({ where: { id }, create: { id, ...p, ...data }, update: data });
}
