/** Feishu cards from the neutral views: under the 30 KB card limit even for a maximal complaint, user text never markdown. */
import { describe, expect, it } from 'vitest';
import { buildComplaintCard, buildForm, buildList, FORM_IDS, type FormId } from '../../../src/notifiers/views/index.ts';
import { buildMovedCard } from '../../../src/notifiers/views/card.ts';
import { complaintCard, listCard, messageCard } from '../../../src/notifiers/render/feishu/card.ts';
import { formCard } from '../../../src/notifiers/render/feishu/form.ts';
import { bytes, FEISHU_LIMITS as L } from '../../../src/notifiers/render/feishu/limits.ts';
import { ACTIONS } from '../../../src/workflows/model.ts';
import { ctx, long, maximalComplaint } from './fixtures.ts';

const MAX = maximalComplaint();
/** Every markdown element's content: user text must never be in one. */
const markdown = (card: unknown) => (JSON.stringify(card).match(/"tag":"markdown","content":"(?:[^"\\]|\\.)*"/g) ?? []).join('\n');

describe('Feishu cards', () => {
  it.each([['en'], ['zh-CN']] as const)('a maximal complaint card with every button stays under 30 KB (%s)', (locale) => {
    const card = complaintCard(buildComplaintCard(MAX, { ...ctx(locale), actions: [...ACTIONS], showContact: true }));
    expect(bytes(card)).toBeLessThanOrEqual(L.cardBytes);
    expect(markdown(card)).not.toContain('<&>');
    const json = JSON.stringify(card);
    expect(json).toContain('"update_multi":true');
    expect(json).toContain('"action":"acknowledge"');
  });

  it.each(FORM_IDS.map((id) => [id]))('the %s form card stays under 30 KB with long values and many choices', (id: FormId) => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `v${i}`, label: long(90) }));
    const view = buildForm(id, {
      ...ctx('zh-CN'),
      ...(id === 'file' ? {} : { complaint: MAX }),
      values: { title: long(120), description: long(4000) },
      errors: [{ field: 'title', key: 'too_long', params: { max: 120 } }],
      categories: many(130),
      departments: many(30),
      people: many(150),
    });
    const card = formCard(view, { value: { complaint: 'c-1', sourceKey: 'feishu:k' }, error: long(500) });
    expect(bytes(card)).toBeLessThanOrEqual(L.cardBytes);
    const json = JSON.stringify(card);
    for (const field of view.fields) expect(json, field.name).toContain(`"name":"${field.name}"`);
    expect(json).toContain(`"form":"${id}"`);
  });

  it.each([['en'], ['zh-CN']] as const)('a DM notice with a maximal card under it, and a moved card, stay under 30 KB (%s)', (locale) => {
    const card = buildComplaintCard(MAX, { ...ctx(locale), actions: [...ACTIONS], showContact: true });
    for (const c of [messageCard({ text: long(20_000), card }, { notice: true }), messageCard({ text: long(500), card: buildMovedCard(MAX, ctx(locale)) })]) {
      expect(bytes(c)).toBeLessThanOrEqual(L.cardBytes);
      expect(markdown(c)).not.toContain('<&>');
      expect(JSON.stringify(c)).toContain('"update_multi":true');
    }
  });

  it('a list of fifty complaints and a long notice fit', () => {
    const states = Array.from({ length: 60 }, (_, i) => ({ ...MAX, complaint: { ...MAX.complaint, id: `c${i}`, number: `KS-2026-${String(i).padStart(4, '0')}` } }));
    expect(bytes(listCard(buildList(states, { ...ctx('zh-CN'), title: long(300) })))).toBeLessThanOrEqual(L.cardBytes);
    expect(bytes(messageCard({ text: long(20_000), tone: 'danger' }))).toBeLessThanOrEqual(L.cardBytes);
  });
});
