/** Feishu card limits, in one table (open.feishu.cn: 卡片 JSON 2.0 结构; 发送消息内容). */
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
  /** Elements of a card body, nested included (documented limit 200). */
  elements: 200,
} as const;

export const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card), 'utf8');

export { fit } from '../../views/fit.ts';
