/** The delivery benchmark's plan (1,000 messages over 20 targets) and its figures, computed from the fake APIs' call records. */
import { FEISHU_PER_APP, FEISHU_PER_CHAT, SLACK_PER_CHANNEL, type ApiCall } from './limited-apis.ts';

export type Platform = 'slack' | 'feishu';

export interface PlannedMessage {
  platform: Platform;
  address: string;
  /** Position among its target's messages, 0-based: its earliest possible delivery is index / rate after the start. */
  index: number;
  /** Unique, alphanumeric (survives every encoding): found again in the request body. */
  tag: string;
  text: string;
}

export const perTargetRate = (p: Platform) => (p === 'slack' ? SLACK_PER_CHANNEL : FEISHU_PER_CHAT);
const perAppRate = (p: Platform) => (p === 'slack' ? Infinity : FEISHU_PER_APP);

/**
 * 1,000 messages: Slack 20 to one channel and 12 to each of 9 more (128); Feishu 100 to one chat and
 * 772 over 9 more (872, about the app's 50/s while all ten chats are busy). The two backlogs are
 * written first, so a dispatcher that works through rows in order makes every other target wait
 * behind them; the rest follow round-robin. The limits allow it all in about 20 s.
 */
export function plan(): PlannedMessage[] {
  const targets: Array<{ platform: Platform; address: string; count: number }> = [
    { platform: 'feishu', address: 'oc_bench00', count: 100 },
    { platform: 'slack', address: 'C0BENCH00', count: 20 },
  ];
  for (let i = 1; i <= 9; i++) targets.push({ platform: 'slack', address: `C0BENCH0${i}`, count: 12 });
  for (let i = 1; i <= 9; i++) targets.push({ platform: 'feishu', address: `oc_bench0${i}`, count: i <= 7 ? 86 : 85 });
  const out: PlannedMessage[] = [];
  const add = (t: (typeof targets)[number], index: number) => {
    const tag = `kb${String(out.length).padStart(4, '0')}`;
    out.push({ platform: t.platform, address: t.address, index, tag, text: `Bench notice ${tag} (${index + 1} of ${t.count} to ${t.address})` });
  };
  for (const t of targets.slice(0, 2)) for (let i = 0; i < t.count; i++) add(t, i);
  const rest = targets.slice(2);
  for (let i = 0; rest.some((t) => i < t.count); i++) for (const t of rest) if (i < t.count) add(t, i);
  return out;
}

/** Seconds the limits make necessary: the k-th message to a target (or on the app) goes no earlier than k / rate. */
export function minimumSeconds(messages: readonly PlannedMessage[], platform: Platform): { seconds: number; binding: string } {
  const mine = messages.filter((m) => m.platform === platform);
  const counts = new Map<string, number>();
  for (const m of mine) counts.set(m.address, (counts.get(m.address) ?? 0) + 1);
  let best = { seconds: (mine.length - 1) / perAppRate(platform), binding: `the app: ${mine.length} at ${perAppRate(platform)}/s` };
  for (const [address, n] of counts) {
    const seconds = (n - 1) / perTargetRate(platform);
    if (seconds > best.seconds) best = { seconds, binding: `${address}: ${n} at ${perTargetRate(platform)}/s` };
  }
  return best;
}

export interface Figures {
  delivered: number;
  /** Seconds from the start to the last delivery, per platform and overall (undefined: not all delivered). */
  elapsed: Record<Platform | 'all', number | undefined>;
  /** Refused calls (Slack 429, Feishu 99991400) in the first second and after it. */
  refusedEarly: number;
  refusedLate: Record<Platform, number>;
  /**
   * The latest message against its own target's pacing: seconds late, which target, which of its
   * messages. The app limit moves no message of this plan: ten chats at 5/s are the app's 50/s.
   */
  worst: { seconds: number; address: string; index: number };
}

export function figures(messages: readonly PlannedMessage[], calls: readonly ApiCall[], start: number): Figures {
  const byTag = new Map(messages.map((m) => [m.tag, m]));
  const deliveredAt = new Map<string, number>();
  for (const c of calls) {
    const tag = /kb\d{4}/.exec(c.body)?.[0];
    if (!c.refused && tag && byTag.has(tag) && !deliveredAt.has(tag)) deliveredAt.set(tag, c.at);
  }
  const last = { slack: -Infinity, feishu: -Infinity };
  let worst = { seconds: -Infinity, address: '', index: 0 };
  for (const m of messages) {
    const at = deliveredAt.get(m.tag);
    if (at === undefined) continue;
    const s = (at - start) / 1000;
    last[m.platform] = Math.max(last[m.platform], s);
    const late = s - m.index / perTargetRate(m.platform);
    if (late > worst.seconds) worst = { seconds: late, address: m.address, index: m.index };
  }
  const complete = (p: Platform) => messages.every((m) => m.platform !== p || deliveredAt.has(m.tag));
  const elapsed = {
    slack: complete('slack') ? last.slack : undefined,
    feishu: complete('feishu') ? last.feishu : undefined,
    all: complete('slack') && complete('feishu') ? Math.max(last.slack, last.feishu) : undefined,
  };
  const refused = calls.filter((c) => c.refused);
  const late = (p: Platform) => refused.filter((c) => c.platform === p && c.at - start > 1000).length;
  return {
    delivered: deliveredAt.size,
    elapsed,
    refusedEarly: refused.filter((c) => c.at - start <= 1000).length,
    refusedLate: { slack: late('slack'), feishu: late('feishu') },
    worst,
  };
}

/** One line per refused call (BENCH_VERBOSE): when, where, which limit, and how long since that target's last accepted message. */
export function refusals(calls: readonly ApiCall[], start: number): string[] {
  const lastAccepted = new Map<string, number>();
  const out: string[] = [];
  for (const c of calls) {
    const key = `${c.platform}:${c.target}`;
    if (!c.refused) {
      lastAccepted.set(key, c.at);
      continue;
    }
    const before = lastAccepted.get(key);
    const since = before === undefined ? 'none before' : `last accepted ${(c.at - before).toFixed(0)} ms before`;
    out.push(`${((c.at - start) / 1000).toFixed(3)} s ${c.platform} ${c.target}: ${c.refused} limit (${since})`);
  }
  return out;
}
