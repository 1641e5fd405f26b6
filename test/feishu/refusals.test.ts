/**
 * Feishu users' ordinary mistakes get an answer they see, over HTTP 200: an unknown or forbidden
 * complaint asked for by text gets a DM in their language, a click on a card that is not Kesu's gets a
 * toast, an unexpected failure an apology and a log line; each event is answered once (its dedupe
 * marker stays claimed). Also a tenant token revoked with HTTP 400 + 99991663 on the reply path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../../src/commands/file.ts';
import { filingForm } from '../support/org.ts';
import { ERROR, FEISHU_USERS, feishuFixture, sendFeishu, startFeishu, WARN, type FeishuRun } from '../support/feishu.ts';

const OU = (person: string) => FEISHU_USERS[person]!;
let events = 0;

/** A text message from `person` to the bot, in their DM with it. */
function text(person: string, content: string) {
  const e = feishuFixture('message-receive');
  e.header.event_id = `refusal-msg-${++events}`;
  e.event.sender.sender_id.open_id = OU(person);
  e.event.message.content = JSON.stringify({ text: content });
  return e;
}

/** A card callback from `person` with this button value. */
function click(person: string, value: unknown) {
  const e = feishuFixture('card-action');
  e.header.event_id = `refusal-card-${++events}`;
  e.event.operator = { ...e.event.operator, open_id: OU(person) };
  e.event.action = { ...e.event.action, value };
  return e;
}

describe('refusals on Feishu', () => {
  let f: FeishuRun;
  let number = '';
  beforeAll(async () => {
    f = await startFeishu();
    // A quality complaint: He Yong (production) may not see it. (Sales may: it tells the customer of delays, seed 001 §5.3.)
    number = (await fileComplaint(f.running.core.deps, { id: 'chen.jing', name: '陈静' }, filingForm())).state.complaint.number;
    await f.running.engine.idle();
  });
  afterAll(async () => {
    await f?.cleanup();
  });

  /** The cards sent to `person` since call `since`, as text. */
  const dms = (person: string, since: number) => f.feishu.sent(since).filter((c) => c.body.receive_id === OU(person)).map((c) => JSON.stringify(c.card));

  it('an unknown complaint asked for by text: HTTP 200 and a DM saying so; the repeat is not answered twice', async () => {
    const before = f.feishu.calls.length;
    const e = text('chen.jing', '投诉 查看 KS-2026-9999');
    const res = await sendFeishu(f.events, e);
    expect(res.status).toBe(200);
    await f.feishu.waitFor((c) => c.body.receive_id === OU('chen.jing'), before);
    expect(dms('chen.jing', before)).toEqual([expect.stringContaining('未找到客诉 KS-2026-9999')]);
    // Feishu's retry of the same event: already answered.
    expect((await sendFeishu(f.events, e)).status).toBe(200);
    expect(dms('chen.jing', before)).toHaveLength(1);
    expect(f.logs.filter((l) => l.level >= ERROR)).toEqual([]);
  });

  it('someone else’s complaint asked for by text: a DM saying so, in the asker’s language', async () => {
    const before = f.feishu.calls.length;
    const res = await sendFeishu(f.events, text('he.yong', `/complaint show ${number}`));
    expect(res.status).toBe(200);
    await f.feishu.waitFor((c) => c.body.receive_id === OU('he.yong'), before);
    expect(dms('he.yong', before)).toEqual([expect.stringContaining(`您无权对 ${number} 执行`)]);
    expect(f.logs.some((l) => l.level === WARN && l.code === 'forbidden')).toBe(true);
  });

  it('someone else’s complaint from a list button: a toast', async () => {
    const res = await sendFeishu(f.events, click('he.yong', { kesu: 'show', number }));
    expect(res).toMatchObject({ status: 200, json: { toast: { type: 'error' } } });
    expect(res.json.toast.content).toContain(`您无权对 ${number} 执行`);
  });

  it.each([
    ['another app’s button', { action: 'approve', id: 42 }],
    ['a Kesu-looking value of an unknown kind', { kesu: 'launch', complaint: 'c1' }],
    ['a value that is not an object', 'press-me'],
  ])('a click on %s: HTTP 200 and a toast in the clicker’s language', async (_name, value) => {
    const zh = await sendFeishu(f.events, click('chen.jing', value));
    expect(zh.status).toBe(200);
    expect(zh.json.toast).toEqual({ type: 'error', content: expect.stringContaining('客诉助手') });
    const en = await sendFeishu(f.events, click('zhou.min', value));
    expect(en.json.toast).toEqual({ type: 'error', content: expect.stringContaining('Kesu') });
  });

  it('an unexpected failure while answering a text command: an apology by DM and an error log line', async () => {
    const before = f.feishu.calls.length;
    const logged = f.logs.length;
    f.feishu.fail('POST /open-apis/im/v1/messages', { status: 400, code: 230099 }); // the answer itself is refused
    const res = await sendFeishu(f.events, text('chen.jing', '投诉 帮助'));
    expect(res.status).toBe(200);
    expect(dms('chen.jing', before).at(-1)).toContain('出了点问题');
    expect(f.logs.slice(logged).filter((l) => l.level >= ERROR && l.msg.startsWith('feishu: answering'))).toHaveLength(1);
  });

  it('an unexpected failure in a card callback: an apology toast', async () => {
    f.feishu.fail('POST /open-apis/im/v1/messages', { status: 400, code: 230099 }); // the form's DM is refused
    const complaint = (await f.running.core.deps.db.prisma.complaint.findFirstOrThrow({ where: { number } })).id;
    const e = click('zhang.wei', { kesu: 'act', action: 'acknowledge', complaint });
    const res = await sendFeishu(f.events, e);
    expect(res).toEqual({ status: 200, json: { toast: { type: 'error', content: expect.stringContaining('出了点问题') } } });
    // Answered: Feishu's retry of the same callback is not acted on again.
    const before = f.feishu.calls.length;
    expect(await sendFeishu(f.events, e)).toEqual({ status: 200, json: {} });
    expect(f.feishu.sent(before)).toEqual([]);
  });

  it('a tenant token revoked with HTTP 400 + 99991663: the answer is sent with a fresh token', async () => {
    f.feishu.expireToken({ status: 400 });
    const before = f.feishu.calls.length;
    const logged = f.logs.length;
    const res = await sendFeishu(f.events, text('chen.jing', '投诉 帮助'));
    expect(res.status).toBe(200);
    expect(f.feishu.calls.slice(before).filter((c) => c.path.endsWith('/tenant_access_token/internal')).length).toBeGreaterThanOrEqual(1);
    // The help goes to the DM chat the command came from; the first try (stale token) was refused.
    const answers = f.feishu.sent(before).map((c) => JSON.stringify(c.card));
    expect(answers).toHaveLength(2);
    expect(answers[1]).toBe(answers[0]);
    expect(answers.join('\n')).not.toContain('出了点问题');
    expect(f.logs.slice(logged).filter((l) => l.msg.startsWith('feishu: answering'))).toEqual([]);
  });
});
