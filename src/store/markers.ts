/** Small named facts kept in the `Marker` table: leases, digests sent, the console's demo clock. */
import type { Tx } from './complaints.ts';

export interface MarkerValue {
  owner: string;
  until: Date;
  createdAt: Date;
}

export async function readMarker(tx: Tx, key: string): Promise<MarkerValue | null> {
  return tx.marker.findUnique({ where: { key }, select: { owner: true, until: true, createdAt: true } });
}

export async function writeMarker(tx: Tx, key: string, value: MarkerValue): Promise<void> {
  await tx.marker.upsert({ where: { key }, create: { key, ...value }, update: value });
}
