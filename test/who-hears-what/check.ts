/** Plays a row of the who-hears-what table on one platform and checks, with a bound, that each recipient got what the row says. */
import { isJump, type Hears, type Place, type Row, type Values } from './rows.ts';

/** A complaint a row filed. */
export interface Filed {
  id: string;
  number: string;
  title: string;
  /** What the filer saw once the form was submitted. */
  confirmation?: Seen;
}

/** One message about the complaint, as it arrived at a place. */
export interface Seen {
  text: string;
  /** The complaint's card is in it. */
  card: boolean;
  buttons: string[];
  inPlace: boolean;
}

/** One platform, played the way its users play it, and read the way its users read it. */
export interface Platform {
  file(by: string, values: Values, opts: { confirm: boolean }): Promise<Filed>;
  /** `by` presses `action` on a message they see about the complaint, fills its form with `values` and submits it. */
  act(c: Filed, by: string, action: string, values: Values): Promise<void>;
  /** Moves the clock until the deadline's ladder has taken `step`. */
  jump(c: Filed, deadline: string, step: number): Promise<void>;
  /** Every message about the complaint that arrived at the place so far. */
  seen(c: Filed, where: Place): Promise<Seen[]>;
  /** Waits until what the steps caused is delivered (for `nothing`). */
  settle(): Promise<void>;
  /** How a card names a department the complaint moved to. */
  departmentRef(key: string): string;
}

/** How long a message may take to arrive (Slack paces each channel at about one message a second). */
export const BOUND_MS = 15_000;

export function describePlace(p: Place): string {
  if ('dm' in p) return `${p.dm} by DM`;
  if ('confirmation' in p) return 'the filer’s confirmation';
  if (p.channel === 'department') return `the ${p.key} channel`;
  return p.channel === 'gm' ? 'the GM channel' : 'the customer-service channel';
}

const fill = (text: string, c: Filed, platform: Platform) =>
  text.replaceAll('{number}', c.number).replaceAll('{title}', c.title).replace(/\{department:(\w+)\}/g, (_, key: string) => platform.departmentRef(key));

/** What is missing from a message for it to match, or '' when it does. */
function mismatch(seen: Seen, h: Hears, c: Filed, platform: Platform): string {
  const problems: string[] = [];
  for (const t of h.text ?? []) if (!seen.text.includes(fill(t, c, platform))) problems.push(`no text “${fill(t, c, platform)}”`);
  if (h.card && !seen.card) problems.push('no card');
  for (const b of h.buttons ?? []) if (!seen.buttons.includes(b)) problems.push(`no ${b} button`);
  for (const b of h.notButtons ?? []) if (seen.buttons.includes(b)) problems.push(`a ${b} button`);
  if (h.noButtons && seen.buttons.length) problems.push(`buttons ${seen.buttons.join(', ')}`);
  if (h.inPlace && !seen.inPlace) problems.push('not in place');
  return problems.join(', ');
}

const summary = (s: Seen) => `[${s.inPlace ? 'in place' : 'new'}${s.card ? ', card' : ''}; buttons: ${s.buttons.join(' ') || 'none'}] ${s.text.replace(/\s+/g, ' ').slice(0, 300)}`;

/** Waits (bounded) until a message at the place matches; fails naming the row, the recipient, what was wanted and what arrived instead. */
export async function expectHeard(row: string, platform: Platform, c: Filed, h: Hears, boundMs = BOUND_MS): Promise<void> {
  const where = `${row} (${c.number}) → ${describePlace(h.who)}`;
  if (h.nothing) {
    await platform.settle();
    // With texts: nothing holding them (the place may hear other things about the complaint).
    const seen = (await platform.seen(c, h.who)).filter((s) => (h.text ?? []).every((t) => s.text.includes(fill(t, c, platform))));
    const what = h.text?.length ? `nothing with ${h.text.map((t) => `“${fill(t, c, platform)}”`).join(' ')}` : 'nothing about the complaint';
    if (seen.length) throw new Error(`${where}: expected ${what}, got ${seen.length}:\n  ${seen.map(summary).join('\n  ')}`);
    return;
  }
  const deadline = Date.now() + boundMs;
  let seen: Seen[] = [];
  for (;;) {
    seen = await platform.seen(c, h.who);
    if (seen.some((s) => !mismatch(s, h, c, platform))) return;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100)); // polling for an arrival, bounded above
  }
  const wanted = [h.text?.map((t) => `“${fill(t, c, platform)}”`).join(' '), h.card && 'the card', h.buttons?.length && `buttons ${h.buttons.join(', ')}`, h.noButtons && 'no buttons', h.inPlace && 'in place']
    .filter(Boolean)
    .join('; ');
  const arrived = seen.length ? seen.map((s) => `${summary(s)}\n    (${mismatch(s, h, c, platform)})`).join('\n  ') : 'nothing about the complaint';
  throw new Error(`${where}: no message with ${wanted} within ${boundMs / 1000} s. Arrived there:\n  ${arrived}`);
}

/** Files the row's complaint, takes its steps, and checks what each step must have caused. */
export async function playRow(row: Row, platform: Platform): Promise<Filed> {
  const hearsOfFiling = row.file.hears ?? [];
  const c = await platform.file(row.file.by, row.file.values, { confirm: hearsOfFiling.some((h) => 'confirmation' in h.who) });
  for (const h of hearsOfFiling) await expectHeard(row.name, platform, c, h);
  for (const step of row.steps) {
    if (isJump(step)) await platform.jump(c, step.jump, step.step);
    else await platform.act(c, step.by, step.action, step.values);
    for (const h of step.hears ?? []) await expectHeard(row.name, platform, c, h);
  }
  return c;
}
