/**
 * `投诉 列表` on Feishu with more complaints than one card can hold: the answer is the first page
 * (under Feishu's 200 components), and its page buttons turn the same card to the next pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../../src/commands/file.ts';
import { filingForm } from '../support/org.ts';
import { FEISHU_USERS, feishuFixture, sendFeishu, startFeishu, type FeishuRun } from '../support/feishu.ts';

const OU = (person: string) => FEISHU_USERS[person]!;
const COMPLAINTS = 45;

/** Every object in a card. */
function* objects(x: unknown): Generator<Record<string, any>> {
  if (Array.isArray(x)) for (const v of x) yield* objects(v);
  else if (x && typeof x === 'object') {
    yield x as Record<string, any>;
    for (const v of Object.values(x)) yield* objects(v);
  }
}
const components = (card: unknown) => [...objects(card)].filter((o) => typeof o.tag === 'string').length;
const numbersOn = (card: unknown) => [...objects(card)].filter((o) => o.behaviors?.[0]?.value?.kesu === 'show').map((o) => o.behaviors[0].value.number as string);
const pageButton = (card: unknown, page: number) => [...objects(card)].find((o) => o.tag === 'button' && o.behaviors?.[0]?.value?.kesu === 'page' && o.behaviors[0].value.page === page)?.behaviors[0].value;

describe('long lists on Feishu', () => {
  let f: FeishuRun;
  let events = 0;
  beforeAll(async () => {
    f = await startFeishu();
    for (let i = 0; i < COMPLAINTS; i++) await fileComplaint(f.running.core.deps, { id: 'chen.jing', name: '陈静' }, filingForm({ title: `批量客诉 ${i + 1}` }));
  }, 60_000);
  afterAll(async () => {
    await f?.cleanup();
  });

  it(`${COMPLAINTS} complaints: the answer is paged under 200 components, and the page buttons show them all`, async () => {
    const e = feishuFixture('message-receive');
    e.header.event_id = `list-${++events}`;
    e.event.message.content = JSON.stringify({ text: '投诉 列表' });
    const before = f.feishu.calls.length;
    expect((await sendFeishu(f.events, e)).status).toBe(200);
    // In the DM with the bot, the answer goes to that chat.
    const first = await f.feishu.waitFor((c) => c.path === '/open-apis/im/v1/messages' && c.body.receive_id === e.event.message.chat_id, before);
    let card = first.card;
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      expect(components(card)).toBeLessThanOrEqual(200);
      expect(card.config.update_multi).toBe(true);
      seen.push(...numbersOn(card));
      const next = pageButton(card, page);
      if (!next) break;
      const click = feishuFixture('card-action');
      click.header.event_id = `list-${++events}`;
      click.event.operator = { ...click.event.operator, open_id: OU('chen.jing') };
      click.event.action = { ...click.event.action, value: next };
      const res = await sendFeishu(f.events, click);
      expect(res.status).toBe(200);
      expect(res.json.card.type).toBe('raw');
      card = res.json.card.data;
    }
    expect(seen).toHaveLength(COMPLAINTS);
    expect(new Set(seen).size).toBe(COMPLAINTS);
  });
});
