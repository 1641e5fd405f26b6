/** Feishu card limits, in one table (open.feishu.cn: 卡片 JSON 2.0 结构; 发送消息内容), and their measures. */
export const FEISHU_LIMITS = {
  /** A card's JSON, in bytes (UTF-8) — Feishu refuses larger ones. A margin is kept under it. */
  cardBytes: 30 * 1024,
  cardBudgetBytes: 28 * 1024,
  headerTitle: 100,
  buttonText: 40,
  optionText: 60,
  /** Long texts (first response, root cause, …) as a card shows them; the whole text is in `show`. */
  longText: 500,
  inputMaxLength: 1000,
  selectOptions: 100,
  /**
   * Components of a card, nested included, where every element with a `tag` counts — a plain_text
   * too, an option's text too (error 300305: "The number of card components exceeds 200").
   */
  elements: 200,
} as const;

export const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card), 'utf8');

/** The card's components as Feishu counts them against FEISHU_LIMITS.elements: every object with a `tag`. */
export function components(x: unknown): number {
  if (Array.isArray(x)) return x.reduce((n: number, v) => n + components(v), 0);
  if (!x || typeof x !== 'object') return 0;
  return (typeof (x as { tag?: unknown }).tag === 'string' ? 1 : 0) + Object.values(x).reduce((n: number, v) => n + components(v), 0);
}

/** Whether a card fits Feishu's limits on size and components. */
export const fits = (card: unknown) => bytes(card) <= FEISHU_LIMITS.cardBudgetBytes && components(card) <= FEISHU_LIMITS.elements;

export { fit } from '../../views/fit.ts';
