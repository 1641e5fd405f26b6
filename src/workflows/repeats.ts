/**
 * Repeat detection (issue 15 item 8, IATF 16949 §10.2.6): which earlier complaints look like the same
 * problem — same customer and product, same category and product, or close text — and the suggestions
 * they become on the complaint. Pure: the store hands in a bounded set of earlier complaints.
 */
import type { Complaint, RepeatLink, RepeatReason } from './model.ts';

export interface RepeatPolicy {
  enabled: boolean;
  /** How far back earlier complaints count, in days of `receivedAt`. */
  lookBackDays: number;
  /** Text similarity (0–1) from which close text alone makes a suggestion. */
  textThreshold: number;
  /** Suggestions per check, best first. */
  maxSuggestions: number;
}

/** What the matcher knows of an earlier complaint (the store's look-up row plus its text). */
export interface RepeatCandidate {
  id: string;
  number: string;
  receivedAt: Date;
  createdAt: Date;
  customerKey: string;
  productKey?: string;
  category: string;
  /** Title and description. */
  text: string;
  /** The 8D's D4 root cause, once there is one. */
  rootCause?: string;
}

/** The complaint being checked, in the same terms. */
export type RepeatSubject = Omit<RepeatCandidate, 'number'>;

export interface RepeatMatch {
  id: string;
  number: string;
  reasons: RepeatReason[];
  score: number;
}

/** Company suffixes that do not tell two customers apart ("Acme Ltd." = "ACME Limited", "华为技术有限公司" = "华为技术"). */
const COMPANY_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '集团', '公司', 'coltd', 'limited', 'ltd', 'inc', 'gmbh', 'corp', 'co', 'llc', 'plc', 'ag', 'sa'];

/** Case, width, spaces and punctuation removed: "ＡＢ-12 3" → "ab123". */
export function normalizeKey(value: string | undefined): string {
  return (value ?? '').normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The customer as one key: the company when given (its contact people vary), else the name; legal suffixes dropped. */
export function customerKeyOf(customer: Pick<Complaint['customer'], 'name' | 'company'>): string {
  let key = normalizeKey(customer.company?.trim() ? customer.company : customer.name);
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of COMPANY_SUFFIXES) {
      if (key.length > suffix.length && key.endsWith(suffix)) {
        key = key.slice(0, -suffix.length);
        changed = true;
      }
    }
  }
  return key;
}

export const productKeyOf = (productNo: string | undefined): string | undefined => normalizeKey(productNo) || undefined;

/** The text a complaint is compared on: its title and description (the D4 root cause is compared on its own). */
export const repeatTextOf = (c: Pick<Complaint, 'title' | 'description'>): string => `${c.title}\n${c.description}`;

export function subjectOf(c: Complaint): RepeatSubject {
  return {
    id: c.id,
    receivedAt: c.receivedAt,
    createdAt: c.createdAt,
    customerKey: customerKeyOf(c.customer),
    productKey: productKeyOf(c.order?.productNo),
    category: c.category,
    text: repeatTextOf(c),
    ...(c.eightD?.d4RootCause ? { rootCause: c.eightD.d4RootCause } : {}),
  };
}

const STOPWORDS = new Set(['the', 'and', 'for', 'with', 'are', 'was', 'not', 'from', 'this', 'that', 'has', 'have', 'our', 'their', 'all', 'but']);

/** Features of a text: character bigrams of Chinese (a lone character as itself), and words of other scripts. */
export function textFeatures(text: string): Set<string> {
  const out = new Set<string>();
  const s = text.normalize('NFKC').toLowerCase();
  for (const run of s.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    if (chars.length === 1) out.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  for (const word of s.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (/\p{Script=Han}/u.test(word)) continue;
    // Crude English stemming: "cracks"/"cracked" meet "crack".
    const stem = word.replace(/(ing|ed|es|s)$/u, '');
    if (stem.length >= 3 && !STOPWORDS.has(word)) out.add(stem);
  }
  return out;
}

/** Jaccard similarity of the two texts' features (0 when either has none). */
export function textSimilarity(a: string, b: string): number {
  const fa = textFeatures(a);
  const fb = textFeatures(b);
  if (!fa.size || !fb.size) return 0;
  let both = 0;
  for (const f of fa) if (fb.has(f)) both++;
  return both / (fa.size + fb.size - both);
}

const DAY = 86_400_000;
const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The earlier complaints (filed before the subject, received within the look-back) that look like the same
 * problem, best first: same customer and product, then same category and product, then the closest text.
 * `skip`: complaints already suggested, confirmed or dismissed.
 */
export function matchRepeats(subject: RepeatSubject, candidates: readonly RepeatCandidate[], policy: RepeatPolicy, skip: ReadonlySet<string> = new Set()): RepeatMatch[] {
  if (!policy.enabled) return [];
  const from = subject.receivedAt.getTime() - policy.lookBackDays * DAY;
  const seen = new Set<string>();
  const matches: (RepeatMatch & { rank: number; at: number })[] = [];
  for (const c of candidates) {
    if (c.id === subject.id || skip.has(c.id) || seen.has(c.id)) continue;
    if (c.createdAt.getTime() > subject.createdAt.getTime() || c.receivedAt.getTime() < from) continue;
    seen.add(c.id);
    const reasons: RepeatReason[] = [];
    const sameProduct = subject.productKey !== undefined && c.productKey === subject.productKey;
    if (sameProduct && subject.customerKey !== '' && c.customerKey === subject.customerKey) reasons.push('customer_product');
    if (sameProduct && c.category === subject.category) reasons.push('category_product');
    // Close text: the complaints' own words, or — once both have one — their root causes (D4).
    const causes = subject.rootCause && c.rootCause ? textSimilarity(subject.rootCause, c.rootCause) : 0;
    const score = round(Math.max(textSimilarity(subject.text, c.text), causes));
    if (score >= policy.textThreshold) reasons.push('text');
    if (!reasons.length) continue;
    const rank = (reasons.includes('customer_product') ? 2 : 0) + (reasons.includes('category_product') ? 1 : 0) + score;
    matches.push({ id: c.id, number: c.number, reasons, score, rank, at: c.receivedAt.getTime() });
  }
  return matches
    .sort((a, b) => b.rank - a.rank || b.at - a.at || a.number.localeCompare(b.number))
    .slice(0, policy.maxSuggestions)
    .map(({ rank: _r, at: _a, ...m }) => m);
}

/** The `repeat_suggested` event's data: what was found, where. */
export interface RepeatSuggestion {
  stage: RepeatLink['stage'];
  candidates: RepeatMatch[];
}

/** The complaint with the suggestions added (those it already links are left as they are). Also what replay applies. */
export function withSuggestions(c: Complaint, s: RepeatSuggestion, at: Date): Complaint {
  const known = new Set((c.repeats ?? []).map((r) => r.id));
  const fresh = s.candidates
    .filter((m) => !known.has(m.id))
    .map((m): RepeatLink => ({ id: m.id, number: m.number, reasons: m.reasons, score: m.score, stage: s.stage, suggestedAt: at.toISOString(), status: 'suggested' }));
  return fresh.length ? { ...c, repeats: [...(c.repeats ?? []), ...fresh] } : c;
}

/** Ids the matcher should not suggest again. */
export const linkedIds = (c: Complaint): Set<string> => new Set((c.repeats ?? []).map((r) => r.id));

/** The suggestions still waiting for a decision. */
export const openSuggestions = (c: Complaint): RepeatLink[] => (c.repeats ?? []).filter((r) => r.status === 'suggested');

/** The complaint has a confirmed repeat link (the monthly repeat rate counts it). */
export const isConfirmedRepeat = (c: Complaint): boolean => (c.repeats ?? []).some((r) => r.status === 'confirmed');

/** Add what the store found to a decision: the suggestions on the complaint and one `repeat_suggested` effect. */
export function suggestRepeats<D extends { complaint: Complaint; events: { type: string; data: Record<string, unknown> }[] }>(d: D, s: RepeatSuggestion, at: Date): D {
  const complaint = withSuggestions(d.complaint, s, at);
  if (complaint === d.complaint) return d;
  const known = linkedIds(d.complaint);
  const candidates = s.candidates.filter((m) => !known.has(m.id));
  return { ...d, complaint, events: [...d.events, { type: 'repeat_suggested', data: { stage: s.stage, candidates } }] };
}

/** Replay: the suggestions an entry's recorded `repeat_suggested` effects made. */
export function replaySuggestions(c: Complaint, effects: unknown, at: Date): Complaint {
  if (!Array.isArray(effects)) return c;
  return effects
    .filter((e): e is { type: string; data: RepeatSuggestion } => (e as { type?: unknown })?.type === 'repeat_suggested')
    .reduce((acc, e) => withSuggestions(acc, e.data, at), c);
}
