/**
 * Every kind of Feishu card Kesu renders stays within Feishu's card JSON 2.0 limits, checked here
 * independently of the renderer: at most 200 components (elements such as plain_text count, error
 * 300305), at most 30 KB, `update_multi: true` (the only value 2.0 supports), every input's default
 * within its `max_length`, every preselected option among the options. Lists are paged under the limit.
 */
import { describe, expect, it } from 'vitest';
import { replyCard } from '../../src/bot/feishu/reply.ts';
import { complaintCard, listCard, messageCard } from '../../src/notifiers/render/feishu/card.ts';
import { formCard } from '../../src/notifiers/render/feishu/form.ts';
import { buildComplaintCard, buildForm, buildList, FORM_IDS, type CardView, type FormId, type ListView } from '../../src/notifiers/views/index.ts';
import { ACTIONS } from '../../src/workflows/model.ts';
import { ctx, long, maximalComplaint } from '../unit/views/fixtures.ts';

const MAX_COMPONENTS = 200;
const MAX_BYTES = 30 * 1024;

/** Every object in the card. */
function* objects(x: unknown): Generator<Record<string, any>> {
  if (Array.isArray(x)) for (const v of x) yield* objects(v);
  else if (x && typeof x === 'object') {
    yield x as Record<string, any>;
    for (const v of Object.values(x)) yield* objects(v);
  }
}

const chars = (s: string) => [...s].length;

/** What Feishu would refuse in this card, as readable lines (empty: none). */
function problems(card: unknown): string[] {
  const out: string[] = [];
  const c = card as Record<string, any>;
  if (c.schema !== '2.0') out.push('schema is not 2.0');
  if (c.config?.update_multi !== true) out.push(`config.update_multi is ${JSON.stringify(c.config?.update_multi)}, not true`);
  const components = [...objects(card)].filter((o) => typeof o.tag === 'string').length;
  if (components > MAX_COMPONENTS) out.push(`${components} components`);
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes > MAX_BYTES) out.push(`${bytes} bytes`);
  for (const o of objects(card)) {
    if (o.tag === 'input') {
      if (!(o.max_length >= 1 && o.max_length <= 1000)) out.push(`${o.name}: max_length ${o.max_length}`);
      if (typeof o.default_value === 'string' && chars(o.default_value) > o.max_length) out.push(`${o.name}: default_value of ${chars(o.default_value)} characters, max_length ${o.max_length}`);
    }
    if (o.tag === 'select_static' && o.initial_option !== undefined && !o.options.some((x: any) => x.value === o.initial_option)) out.push(`${o.name}: initial_option not an option`);
    if (o.tag === 'multi_select_static' && !(o.selected_values ?? []).every((v: string) => o.options.some((x: any) => x.value === v))) out.push(`${o.name}: selected_values not options`);
  }
  return out;
}

const MAX = maximalComplaint();
const states = (n: number) => Array.from({ length: n }, (_, i) => ({ ...MAX, complaint: { ...MAX.complaint, id: `c${i}`, number: `KS-2026-${String(i + 1).padStart(4, '0')}` } }));
const many = (n: number, label = long(90)) => Array.from({ length: n }, (_, i) => ({ value: `v${i}`, label }));

describe('Feishu cards within Feishu’s limits', () => {
  it.each([['en'], ['zh-CN']] as const)('the complaint card, maximal, with every button (%s)', (locale) => {
    const card = complaintCard(buildComplaintCard(MAX, { ...ctx(locale), actions: [...ACTIONS], showContact: true }));
    expect(problems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('"action":"acknowledge"');
  });

  it('a complaint card with far more fields and buttons than Kesu has today', () => {
    const view = buildComplaintCard(MAX, { ...ctx('zh-CN'), actions: [...ACTIONS], showContact: true });
    const wide: CardView = {
      ...view,
      fields: Array.from({ length: 120 }, (_, i) => ({ label: `字段 ${i}`, value: long(200), short: i % 3 !== 0 })),
      actions: [...view.actions, ...view.actions, ...view.actions],
    };
    const card = complaintCard(wide);
    expect(problems(card)).toEqual([]);
    for (const a of view.actions) expect(JSON.stringify(card)).toContain(`"action":"${a.action}"`);
  });

  it('notices: long, with a chart, and the plain answers Kesu sends', () => {
    expect(problems(messageCard({ text: long(20_000), tone: 'danger' }))).toEqual([]);
    const chart = { title: 't', alt: long(3000), countLabel: 'n', rateLabel: 'r', bars: [], fileName: 'f' };
    expect(problems(messageCard({ text: long(500), chart }, { imageKey: 'img_v3_1' }))).toEqual([]);
    expect(problems(replyCard({ type: 'message', message: { text: '未找到客诉 KS-2026-9999。', tone: 'warning' } }))).toEqual([]);
  });

  it.each(FORM_IDS.map((id) => [id]))('the %s form, with many choices and values longer than its fields allow', (id: FormId) => {
    const values = Object.fromEntries(['title', 'description', 'customerName', 'firstResponse', 'summary', 'note', 'd4RootCause', 'amount', 'claimAmount', 'orderNo'].map((k) => [k, long(1000)]));
    const view = buildForm(id, {
      ...ctx('zh-CN'),
      ...(id === 'file' ? {} : { complaint: MAX }),
      values,
      errors: [{ field: 'title', key: 'too_long', params: { max: 120 } }],
      categories: many(130),
      departments: many(30),
      people: many(150),
    });
    const card = formCard(view, { value: { complaint: 'c-1', sourceKey: 'feishu:k' }, error: long(500) });
    expect(problems(card)).toEqual([]);
    const json = JSON.stringify(card);
    for (const field of view.fields) expect(json, field.name).toContain(`"name":"${field.name}"`);
    expect(json).toContain(`"form":"${id}"`);
  });

  it('the filing form re-rendered with a 1,000-character title keeps the typed text within the field', () => {
    const view = buildForm('file', { ...ctx('zh-CN'), values: { title: 'x'.repeat(1000) }, errors: [{ field: 'title', key: 'too_long', params: { max: 120 } }] });
    const title = [...objects(formCard(view, { value: {}, error: '请修改标出的字段。' }))].find((o) => o.tag === 'input' && o.name === 'title')!;
    expect(title.max_length).toBe(120);
    expect(chars(title.default_value)).toBeLessThanOrEqual(120);
  });

  it('a chosen option beyond those that fit is still offered', () => {
    const view = buildForm('acknowledge', { ...ctx('zh-CN'), complaint: MAX, people: many(400, long(60)), values: { handlerId: 'v399' } });
    const card = formCard(view, { value: { complaint: 'c-1' } });
    expect(problems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('"initial_option":"v399"');
  });

  /** Every page of a list, following its page buttons. */
  function pages(view: ListView): Array<Record<string, any>> {
    const out = [listCard(view, { page: 0, pageValue: (page) => ({ kesu: 'page', list: { kind: 'tasks' }, page }) })];
    for (;;) {
      const next = [...objects(out.at(-1))].find((o) => o.tag === 'button' && o.behaviors?.[0]?.value?.kesu === 'page' && o.behaviors[0].value.page === out.length);
      if (!next) return out;
      out.push(listCard(view, { page: out.length, pageValue: (page) => ({ kesu: 'page', list: { kind: 'tasks' }, page }) }));
      if (out.length > 50) throw new Error('no end to the pages');
    }
  }

  it.each([0, 1, 20, 41, 200])('a list of %i maximal complaints: every page within limits, every complaint on one page', (n) => {
    const view = buildList(states(n), { ...ctx('zh-CN'), title: long(300) });
    const all = pages(view);
    for (const card of all) expect(problems(card)).toEqual([]);
    const shown = all.flatMap((card) => [...objects(card)].filter((o) => o.behaviors?.[0]?.value?.kesu === 'show').map((o) => o.behaviors[0].value.number));
    expect(shown).toEqual(view.items.map((i) => i.number));
  });

  it('a list without page buttons still fits (its first page)', () => {
    expect(problems(listCard(buildList(states(200), { ...ctx('en'), title: 'All' })))).toEqual([]);
  });
});
