/**
 * "My tasks" on Feishu from the outside: the sales manager clicks the bot menu's "my tasks" (a signed
 * event) and gets a card naming what each complaint needs from him — "批准索赔 ¥8,600.00" — with the
 * step's button; that button sends him the approval form, and the page buttons turn the card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../../src/commands/file.ts';
import { filingForm } from '../support/org.ts';
import { FEISHU_USERS, feishuFixture, sendFeishu, startFeishu, type FeishuRun } from '../support/feishu.ts';

const OU = (person: string) => FEISHU_USERS[person]!;
const CLAIMS = 12;

/** Every object in a card. */
function* objects(x: unknown): Generator<Record<string, any>> {
  if (Array.isArray(x)) for (const v of x) yield* objects(v);
  else if (x && typeof x === 'object') {
    yield x as Record<string, any>;
    for (const v of Object.values(x)) yield* objects(v);
  }
}
const components = (card: unknown) => [...objects(card)].filter((o) => typeof o.tag === 'string').length;
const values = (card: unknown) => [...objects(card)].filter((o) => o.tag === 'button').map((o) => o.behaviors[0].value);

describe('my tasks on Feishu', () => {
  let f: FeishuRun;
  let events = 0;
  const ids: string[] = [];
  beforeAll(async () => {
    f = await startFeishu();
    // Domestic claims of ¥8,600 (over 5,000): the sales manager, Li Qiang, approves each.
    for (let i = 0; i < CLAIMS; i++) {
      const filed = await fileComplaint(f.running.core.deps, { id: 'chen.jing', name: '陈静' }, filingForm({ title: `阀门漏水索赔 ${i + 1}`, claimAmount: '8600' }));
      ids.push(filed.state.complaint.id);
    }
    await f.running.engine.idle();
  }, 60_000);
  afterAll(async () => {
    await f?.cleanup();
  });

  const click = async (person: string, value: unknown) => {
    const e = feishuFixture('card-action');
    e.header.event_id = `tasks-click-${++events}`;
    e.event.operator = { ...e.event.operator, open_id: OU(person) };
    e.event.action = { ...e.event.action, value };
    return sendFeishu(f.events, e);
  };

  it('the menu’s my tasks: a card with the need and its button, which sends the approval form; pages turn', async () => {
    const menu = feishuFixture('bot-menu');
    menu.header.event_id = `tasks-menu-${++events}`;
    menu.event.event_key = 'kesu_my_tasks';
    menu.event.operator.operator_id = { ...menu.event.operator.operator_id, open_id: OU('li.qiang') };
    const before = f.feishu.calls.length;
    expect((await sendFeishu(f.events, menu)).status).toBe(200);
    const sent = await f.feishu.waitFor((c) => c.path === '/open-apis/im/v1/messages' && c.body.receive_id === OU('li.qiang'), before);
    const card = sent.card;
    expect(components(card)).toBeLessThanOrEqual(200);
    const text = JSON.stringify(card);
    expect(text).toMatch(/➜ 批准索赔 ¥8,600\.00：\d{4}-\d\d-\d\d \d\d:\d\d 前，还剩 /);
    const acts = values(card).filter((v) => v.kesu === 'act');
    expect(acts).toHaveLength(10);
    for (const v of acts) expect(v).toEqual({ kesu: 'act', action: 'approve', complaint: expect.any(String) });
    expect(values(card).filter((v) => v.kesu === 'show')).toHaveLength(10);

    // The step's button: the approval form comes by DM.
    const formBefore = f.feishu.calls.length;
    const res = await click('li.qiang', acts[0]);
    expect(res.status).toBe(200);
    expect(res.json.toast.type).toBe('info');
    const form = await f.feishu.waitFor((c) => c.path === '/open-apis/im/v1/messages' && c.body.receive_id === OU('li.qiang'), formBefore);
    const formValues = [...objects(form.card)].map((o) => o.behaviors?.[0]?.value ?? o.value).filter((v) => v?.kesu === 'form');
    expect(formValues[0]).toMatchObject({ kesu: 'form', form: 'approve', complaint: acts[0].complaint });

    // The page button turns the same card to the rest.
    const next = values(card).find((v) => v.kesu === 'page');
    expect(next).toEqual({ kesu: 'page', list: { kind: 'tasks' }, page: 1 });
    const turned = await click('li.qiang', next);
    expect(turned.json.card.type).toBe('raw');
    const page2 = turned.json.card.data;
    expect(JSON.stringify(page2)).toContain('批准索赔 ¥8,600.00');
    const all = [...acts, ...values(page2).filter((v) => v.kesu === 'act')].map((v) => v.complaint);
    expect(new Set(all)).toEqual(new Set(ids));
  });
});
