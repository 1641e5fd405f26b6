/**
 * The local console's HTTP API on a real `run()` (SQLite, engine, dispatcher, LocalDeliverer), driven
 * with plain HTTP requests as different people. Time moves only through the console's clock control.
 */
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleRun } from '../support/console.ts';

const FILING = {
  title: '阀体内径超差 <b>3</b>',
  description: '第 3 批内径超差 0.05 mm',
  demand: 'replacement',
  customerName: '张伟',
  customerContact: '13800138000',
  intakeChannel: 'phone',
  category: 'product_quality',
};

async function complaintCount(c: ConsoleRun): Promise<number> {
  return c.running.core.deps.db.prisma.complaint.count();
}

/** Reads server-sent events from /api/events as `person` until `until` holds for one of them. */
async function nextEvent(c: ConsoleRun, person: string, until: (e: { event: string; data: any }) => boolean, trigger: () => Promise<unknown>) {
  const controller = new AbortController();
  const res = await fetch(new URL(`/api/events?as=${person}`, c.url), { signal: controller.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let triggered = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('event stream ended');
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const chunk = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(chunk)?.[1] ?? 'message';
        const data = JSON.parse(/^data: (.*)$/m.exec(chunk)?.[1] ?? '{}');
        if (event === 'ready' && !triggered) {
          triggered = true;
          await trigger();
        } else if (until({ event, data })) return { event, data };
      }
    }
  } finally {
    controller.abort();
  }
}

describe('the local console API', () => {
  let c: ConsoleRun;
  let complaintId = '';
  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(async () => {
    await c?.cleanup();
    rmSync(c.dir, { recursive: true, force: true });
  });

  it('serves the page with a policy that loads nothing from outside', async () => {
    const res = await fetch(c.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await res.text();
    expect(html).toContain('/assets/app.js');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('describes the workspace in each person’s language', async () => {
    const zh = await c.api('cs.li', '/api/session');
    expect(zh.data.me).toMatchObject({ id: 'cs.li', locale: 'zh-CN' });
    expect(zh.data.strings.tasks).toBe('我的待办');
    expect(zh.data.channels.map((ch: { id: string }) => ch.id)).toEqual(['#quality', '#sales', '#logistics', '#customer_service']);
    expect(zh.data.people.find((p: { id: string }) => p.id === 'q.chen').role).toBe('质量部主管');
    const en = await c.api('cs.zhao', '/api/session');
    expect(en.data.strings.tasks).toBe('My tasks');
    expect(en.data.clock.label).toBe('Real time');
    const unknown = await c.api('nobody', '/api/tasks');
    expect(unknown.status).toBe(400);
    expect(unknown.data.code).toBe('unknown_person');
  });

  it('refuses a filing with a bad field beside that field, saving nothing, then files it once however often it is sent', async () => {
    const opened = await c.api('cs.li', '/api/command', { text: '/complaint' });
    expect(opened.data.form).toBe(true);
    const sourceKey = /name="sourceKey" value="([^"]+)"/.exec(opened.data.html)![1]!;

    const bad = await c.api('cs.li', '/api/forms/submit', { form: 'file', values: { ...FILING, customerContact: 'call me maybe', sourceKey } });
    expect(bad.status).toBe(422);
    expect(bad.data.code).toBe('validation_failed');
    expect(bad.data.html).toMatch(/id="f-customerContact"[^>]*aria-invalid="true"/);
    expect(bad.data.html).toMatch(/<p class="field-error" id="err-customerContact" role="alert">[^<]+<\/p>/);
    expect(bad.data.html).toContain('value="call me maybe"'); // what was typed stays
    expect(bad.data.html).toContain(`value="${sourceKey}"`); // the same form, the same key
    expect(await complaintCount(c)).toBe(0);

    const good = await c.api('cs.li', '/api/forms/submit', { form: 'file', values: { ...FILING, sourceKey } });
    expect(good.status).toBe(200);
    expect(good.data).toMatchObject({ ok: true, number: 'KS-2026-0001', status: 'open' });
    expect(good.data.html).toContain('已登记 KS-2026-0001');
    const again = await c.api('cs.li', '/api/forms/submit', { form: 'file', values: { ...FILING, sourceKey } });
    expect(again.data.html).toContain('未重复保存');
    expect(await complaintCount(c)).toBe(1);
    complaintId = (await c.running.core.deps.db.prisma.complaint.findFirstOrThrow()).id;
  });

  it('posts the card to the department channel, escaped, with contact masked and the viewer’s own buttons', async () => {
    await c.running.engine.idle();
    const head = await c.api('q.chen', `/api/conversations/${encodeURIComponent('#quality')}`);
    expect(head.data.html).toContain('KS-2026-0001');
    expect(head.data.html).toContain('阀体内径超差 &lt;b&gt;3&lt;/b&gt;');
    expect(head.data.html).not.toContain('<b>3</b>');
    expect(head.data.html).not.toContain('13800138000');
    expect(head.data.html).toContain('data-action="acknowledge"');
    const sales = await c.api('s.zhou', `/api/conversations/${encodeURIComponent('#quality')}`);
    expect(sales.data.html).toContain('KS-2026-0001');
    expect(sales.data.html).not.toContain('data-action="acknowledge"');
  });

  it('answers /complaint list, show, stats and help only to the asker, and explains a mistake', async () => {
    const list = await c.api('q.chen', '/api/command', { text: '/complaint list' });
    expect(list.data.html).toContain('data-show="KS-2026-0001"');
    expect(list.data.html).toContain('仅您可见');
    const show = await c.api('q.chen', '/api/command', { text: '/complaint show ks-2026-0001' });
    expect(show.data.html).toContain('13800138000'); // the department may see the contact in a private answer
    expect(show.data.html).toContain('<details class="timeline" open>');
    const stats = await c.api('q.chen', '/api/command', { text: '投诉 统计' });
    expect(stats.data.html).toContain('2026-03 客诉统计（质量部）'); // a head sees their department
    expect(stats.data.html).toContain('受理 1 件（上月 0 件）');
    expect(stats.data.html).toContain('按类别：产品质量 1');
    // The category chart comes along as an SVG image, with its figures as the alt text.
    const img = /<img src="data:image\/svg\+xml;base64,([^"]+)" alt="([^"]+)"/.exec(stats.data.html as string)!;
    expect(img[2]).toBe('各类别投诉 2026-03 · 产品质量：1 件，按时率 –');
    expect(Buffer.from(img[1]!, 'base64').toString()).toMatch(/^<svg[^>]+width="960"[\s\S]*产品质量[\s\S]*<\/svg>$/);
    const all = await c.api('cs.zhao', '/api/command', { text: '/complaint stats 2026-03' });
    expect(all.data.html).toContain('Complaint statistics 2026-03 — whole company');
    const wrong = await c.api('cs.zhao', '/api/command', { text: '/complaint shwo' });
    expect(wrong.data.html).toContain('Unknown command &quot;shwo&quot;');
    const missing = await c.api('cs.zhao', '/api/command', { text: '/complaint show KS-2026-0099' });
    expect(missing.status).toBe(404);
    expect(missing.data.code).toBe('unknown_complaint');
  });

  it('offers the tracking table as a download, with only what the viewer may see', async () => {
    const reply = await c.api('q.chen', '/api/command', { text: '/complaint export 2026-03 质量部' });
    expect(reply.data.html).toContain('data-export="xlsx" data-from="2026-03-01" data-to="2026-03-31" data-dept="quality"');
    const download = (person: string, format: string) =>
      fetch(new URL('/api/export', c.url), { method: 'POST', headers: { 'x-kesu-as': person, 'content-type': 'application/json' }, body: JSON.stringify({ from: '2026-03-01', to: '2026-03-31', format }) });
    const csv = await download('q.chen', 'csv');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="kesu-2026-03-01-2026-03-31.csv"');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer()); // keeps the BOM
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('KS-2026-0001');
    expect(text).toContain('13800138000'); // the department may see the contact
    const other = new TextDecoder().decode(await (await download('s.zhou', 'csv')).arrayBuffer());
    expect(other).not.toContain('KS-2026-0001'); // Sales may not see a Quality complaint
    expect((await download('q.chen', 'xlsx')).headers.get('content-type')).toContain('spreadsheetml');
    const unknown = await c.api('q.chen', '/api/command', { text: '/complaint export 2026-03 无此部门' });
    expect(unknown.data.code).toBe('unknown_department');
  });

  it('refuses a step the clicker may not take when the form opens, in their language', async () => {
    const res = await c.api('s.zhou', '/api/forms/open', { form: 'acknowledge', complaint: complaintId });
    expect(res.status).toBe(403);
    expect(res.data.code).toBe('forbidden');
  });

  it('keeps each person’s direct messages to them', async () => {
    const res = await c.api('q.liu', `/api/conversations/${encodeURIComponent('@q.chen')}`);
    expect(res.status).toBe(403);
    const own = await c.api('q.liu', `/api/conversations/${encodeURIComponent('@q.liu')}`);
    expect(own.status).toBe(200);
  });

  it('refuses requests another web site could make a browser send, and names it cannot vouch for', async () => {
    const before = (await c.api('cs.li', '/api/session')).data.clock.now;
    const post = (headers: Record<string, string>, body = '{"by":"day"}') => fetch(new URL('/api/clock/advance', c.url), { method: 'POST', headers, body });
    expect((await post({ 'content-type': 'text/plain', 'x-kesu-as': 'cs.li' })).status).toBe(400); // a form or no-cors fetch
    expect((await post({ 'content-type': 'application/json', 'x-kesu-as': 'cs.li', origin: 'http://evil.example' })).status).toBe(403);
    expect((await fetch(new URL('/api/tasks?as=cs.li', c.url))).status).toBe(400); // the person comes from the header only
    // DNS rebinding: a page on another name that resolves here (fetch cannot set Host; node:http can).
    const rebound = await new Promise<number>((resolve, reject) => {
      const u = new URL('/api/session', c.url);
      request({ host: u.hostname, port: u.port, path: u.pathname, headers: { host: 'attacker.example:3000', 'x-kesu-as': 'cs.li' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(rebound).toBe(421);
    expect((await c.api('cs.li', '/api/session')).data.clock.now).toBe(before);
  });

  it('a page remembering someone no longer in the config starts as the first customer-service member', async () => {
    const res = await c.api('left.company', '/api/session');
    expect(res.status).toBe(200);
    expect(res.data.me.id).toBe('cs.li');
  });

  it('updates the card in place and tells open pages at once', async () => {
    const channel = await c.api('q.chen', `/api/conversations/${encodeURIComponent('#quality')}`);
    const cardId = /data-message="([^"]+)"/.exec(channel.data.html)![1];
    const event = await nextEvent(
      c,
      'q.chen',
      (e) => e.event === 'message' && e.data.conversation === '#quality',
      () => c.api('q.chen', '/api/forms/submit', { form: 'acknowledge', complaint: complaintId, values: { handlerId: 'q.liu', firstResponse: '已致电客户，明天上门' } }),
    );
    expect(event!.data).toMatchObject({ id: cardId, replaced: true });
    const message = await c.api('q.chen', `/api/messages/${cardId}`);
    expect(message.data.html).toContain('data-status="acknowledged"');
    const dmId = /data-message="([^"]+)"/.exec((await c.api('q.liu', `/api/conversations/${encodeURIComponent('@q.liu')}`)).data.html)![1];
    expect((await c.api('q.chen', `/api/messages/${dmId}`)).status).toBe(404); // someone else's DM
    const after = await c.api('q.chen', `/api/conversations/${encodeURIComponent('#quality')}`);
    expect(after.data.html.match(/data-message=/g)).toHaveLength(1);
    const dm = await c.api('q.liu', `/api/conversations/${encodeURIComponent('@q.liu')}`);
    expect(dm.data.html).toContain('您已被指定为 KS-2026-0001 的责任人');
  });

  it('moves the demo clock forward and runs the engine: the 8D reminder, overdue notice and escalation arrive where they belong', async () => {
    const tasks = await c.api('q.liu', '/api/tasks');
    expect(tasks.data.count).toBe(1);
    // Each running deadline with its time left (the response deadline was met on acknowledging).
    expect(tasks.data.html).toMatch(/data-deadline="eightD"><span class="deadline-label">8D 报告<\/span><span class="deadline-due">2026-03-11 09:30<\/span><span class="deadline-left">还剩 9 天<\/span>/);
    expect(tasks.data.html).not.toContain('data-deadline="response"');
    const steps: number[] = [];
    for (let day = 0; day < 10; day++) steps.push((await c.api('q.chen', '/api/clock/advance', { by: 'day' })).data.steps);
    // Due Wed 2026-03-11 09:30 (7 working days): reminder 03-10, overdue 03-11, escalation 03-12 — with the
    // overdue notice of the delay notice the missed 8D opened for the customer (seed 001 §5.3), due 03-12.
    expect(steps).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 2]);
    const liu = await c.api('q.liu', `/api/conversations/${encodeURIComponent('@q.liu')}`);
    expect(liu.data.html).toContain('提醒：KS-2026-0001');
    const chen = await c.api('q.chen', `/api/conversations/${encodeURIComponent('@q.chen')}`);
    expect(chen.data.html).toContain('已逾期');
    const gm = await c.api('gm.wang', `/api/conversations/${encodeURIComponent('@gm.wang')}`);
    expect(gm.data.html).toContain('升级');
    const session = await c.api('q.chen', '/api/session');
    expect(session.data.clock.nowText).toBe('2026-03-12 09:30');
    expect(session.data.clock.label).toBe('模拟时间，已快进 10 天');
  });

  it('moves to the next working morning, skipping the weekend', async () => {
    await c.api('q.chen', '/api/clock/advance', { by: 'hour' }); // Thu 10:30
    await c.api('q.chen', '/api/clock/advance', { by: 'morning' }); // Fri 09:00
    await c.api('q.chen', '/api/clock/advance', { by: 'morning' }); // Mon 09:00
    const session = await c.api('q.chen', '/api/session');
    expect(session.data.clock.nowText).toBe('2026-03-16 09:00');
    // Monday 09:00: the weekly report, with its chart, in the GM's and the quality head's DMs.
    const gm = (await c.api('gm.wang', `/api/conversations/${encodeURIComponent('@gm.wang')}`)).data.html as string;
    expect(gm).toContain('投诉周报（2026-03-16 当周）— 全公司');
    expect(gm).toMatch(/投诉周报（2026-03-16 当周）[^]*<figure class="chart"><img src="data:image\/svg\+xml;base64,/);
    const head = (await c.api('q.chen', `/api/conversations/${encodeURIComponent('@q.chen')}`)).data.html as string;
    expect(head).toContain('投诉周报（2026-03-16 当周）— 质量部');
    const bad = await c.api('q.chen', '/api/clock/advance', { by: 'year' });
    expect(bad.status).toBe(400);
  });

  it('after a restart keeps the conversations and the simulated time', async () => {
    const before = await c.api('q.chen', `/api/conversations/${encodeURIComponent('#quality')}`);
    await c.stop();
    c = await startConsole({ dir: c.dir });
    const after = await c.api('q.chen', `/api/conversations/${encodeURIComponent('#quality')}`);
    expect(after.data.html).toBe(before.data.html);
    expect((await c.api('q.chen', '/api/session')).data.clock.nowText).toBe('2026-03-16 09:00');
  });
});
