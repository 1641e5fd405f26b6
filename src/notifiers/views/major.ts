/** What the card and the notices say of a major complaint: its co-owners, escalations by hand, a resolution waiting for sign-off. Pure. */
import type { Locale } from '../../config/schema.ts';
import type { ComplaintState, ResolutionKind } from '../../workflows/model.ts';
import { translator } from '../i18n/index.ts';
import { fit } from './fit.ts';
import { formatMoney } from './money.ts';
import { formatDateTime } from './time.ts';
import type { CardField, ViewContext, ViewDirectory } from './types.ts';

/** A co-owner of a grade C complaint: a role (`customer_service_manager`, `department_head:<key>`, …) and who holds it. */
export interface CoOwner {
  role: string;
  people: readonly string[];
}

/** "Customer-service manager: Zhao Min; Head of Quality: Chen Gang". */
export function coOwnersText(coOwners: readonly CoOwner[], locale: Locale, dir: ViewDirectory): string {
  const tr = translator();
  return coOwners
    .map((o) => tr.t(locale, 'major.card.coOwner', { role: dir.roleName(o.role, locale), people: o.people.map((id) => dir.displayName(id, locale)).join(tr.t(locale, 'card.separator')) || tr.t(locale, 'card.none') }))
    .join(locale === 'en' ? '; ' : '；');
}

/** The card's fields of a major complaint: its co-owners (grade C) and its escalations to the GM by hand. */
export function majorCardFields(state: ComplaintState, coOwners: readonly CoOwner[] | undefined, ctx: ViewContext): CardField[] {
  const tr = translator();
  const t = (key: string, params?: Record<string, unknown>) => tr.t(ctx.locale, key, params);
  const dir = ctx.directory;
  const out: CardField[] = [];
  if (coOwners?.length) out.push({ label: t('major.card.coOwners'), value: coOwnersText(coOwners, ctx.locale, dir), short: false });
  const escalations = state.complaint.gmEscalations ?? [];
  if (escalations.length) {
    const lines = escalations.map((e) => {
      const line = t('major.card.escalation', { by: dir.displayName(e.by, ctx.locale), at: formatDateTime(new Date(e.at), ctx.timeZone), reason: fit(e.reason, 300) });
      return `${line} ${e.answeredBy ? t('major.card.answered', { by: dir.displayName(e.answeredBy, ctx.locale) }) : t('major.card.waiting')}`;
    });
    out.push({ label: t('major.card.escalations'), value: lines.join('\n'), short: false });
  }
  return out;
}

/** A proposed resolution in words: "Refund, apology: refunded the batch · ¥8,600.00". */
export function proposedResolutionText(p: unknown, locale: Locale, currency: string): string {
  const tr = translator();
  const r = (p ?? {}) as { kinds?: ResolutionKind[]; summary?: string; amount?: number; currency?: string };
  const kinds = (r.kinds ?? []).map((k) => tr.t(locale, `resolutionKind.${k}`)).join(tr.t(locale, 'card.separator'));
  const amount = typeof r.amount === 'number' && r.amount > 0 ? ` · ${formatMoney(r.amount, r.currency ?? currency, locale)}` : '';
  return `${tr.t(locale, 'card.labelled', { label: kinds || tr.t(locale, 'card.none'), text: fit(r.summary ?? '', 300) })}${amount}`;
}
