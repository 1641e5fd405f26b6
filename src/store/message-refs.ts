/** Where a complaint's card was posted on each platform and channel, so later changes update it in place. */
import type { Database } from './client.ts';

export interface CardPlace {
  complaintId: string;
  platform: string;
  address: string;
}

export async function findCardMessage(db: Database, p: CardPlace): Promise<string | undefined> {
  const ref = await db.prisma.messageRef.findUnique({ where: { complaintId_platform_address: p }, select: { messageId: true } });
  return ref?.messageId;
}

export async function saveCardMessage(db: Database, p: CardPlace, messageId: string, at: Date): Promise<void> {
  const id = `${p.complaintId}:${p.platform}:${p.address}`;
  await db.prisma.messageRef.upsert({ where: { id }, create: { id, ...p, messageId, updatedAt: at }, update: { messageId, updatedAt: at } });
}
