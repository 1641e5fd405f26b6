/** Console answers from the composer and messages about a complaint: unknown list filters, card links in confirmations, cards in DMs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleRun } from '../support/console.ts';

const FILING = {
  title: '阀体内径超差',
  description: '第 3 批内径超差 0.05 mm',
  demand: 'replacement',
  customerName: '张伟',
  customerContact: '13800138000',
  intakeChannel: 'phone',
  category: 'product_quality',
};

describe('console commands and cards', () => {
  let c: ConsoleRun;
  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(() => c?.cleanup());

  it('an unknown list filter answers the help with what was wrong, not "no complaints"', async () => {
    const { status, data } = await c.api('cs.li', '/api/command', { text: '/complaint list foo' });
    expect(status).toBe(200);
    expect(data.html).toContain('“foo”不是列表筛选条件');
    expect(data.html).toContain('/complaint list [overdue | mine | 状态 | 部门]');
    expect(data.html).not.toContain('没有符合条件的客诉');
    const en = await c.api('cs.zhao', '/api/command', { text: '/complaint list foo' });
    expect(en.data.html).toContain('&quot;foo&quot; is not a list filter');
  });

  it('a department filter works by key or by name', async () => {
    for (const text of ['/complaint list quality', '/complaint list 质量部']) {
      const { data } = await c.api('cs.li', '/api/command', { text });
      expect(data.html).toContain('没有符合条件的客诉');
    }
  });

  it('the filing confirmation links to the card in the department’s channel', async () => {
    const { status, data } = await c.api('cs.li', '/api/forms/submit', { form: 'file', values: { ...FILING, sourceKey: 'local:t1' } });
    expect(status).toBe(200);
    expect(data.html).toContain('已登记 KS-');
    expect(data.html).toContain(`href="#/c/%23quality?card=${data.number}"`);
    expect(data.html).toContain('查看卡片（#质量部）');
  });

  it('a DM about a complaint shows the card with the buttons its reader may use', async () => {
    const filed = await c.api('cs.li', '/api/forms/submit', { form: 'file', values: { ...FILING, sourceKey: 'local:t2' } });
    const complaint = /data-complaint="([^"]+)"/.exec((await c.api('q.chen', '/api/conversations/%23quality')).data.html)![1]!;
    const acked = await c.api('q.chen', '/api/forms/submit', { form: 'acknowledge', complaint, values: { handlerId: 'q.liu', firstResponse: '已致电客户。' } });
    expect(acked.status, JSON.stringify(acked.data)).toBe(200);
    await c.running.engine.idle();
    await expect.poll(async () => (await c.api('q.liu', '/api/conversations/%40q.liu')).data.html).toContain('您已被指定为');
    const dm = (await c.api('q.liu', '/api/conversations/%40q.liu')).data.html as string;
    const message = dm.slice(dm.indexOf('您已被指定为'));
    expect(message).toMatch(/<article class="card[^"]*" data-complaint="[^"]+" data-number="KS-[^"]+"/);
    expect(message).toContain('data-action="submit_8d"');
    expect(filed.status).toBe(200);
  });
});
