/** The card's repeat lines: "possible repeat of KS-… (why)" while undecided, "repeat of KS-…" once confirmed; dismissed ones disappear. */
import type { Locale } from '../../config/schema.ts';
import type { Complaint } from '../../workflows/model.ts';
import { translator } from '../i18n/index.ts';

export function repeatLines(c: Pick<Complaint, 'repeats'>, locale: Locale): string[] {
  const tr = translator();
  const t = (key: string, params?: Record<string, unknown>) => tr.t(locale, `repeats.${key}`, params);
  return (c.repeats ?? []).flatMap((r) => {
    if (r.status === 'confirmed') return [t('confirmed', { number: r.number })];
    if (r.status === 'dismissed') return [];
    // "Same customer and product" says "same product" already: the category match is not repeated beside it.
    const shown = r.reasons.includes('customer_product') ? r.reasons.filter((x) => x !== 'category_product') : r.reasons;
    const reasons = shown.map((x) => t(`reason.${x}`, { pct: Math.round(r.score * 100) })).join(tr.t(locale, 'card.separator'));
    return [t('possible', { number: r.number, reasons })];
  });
}
