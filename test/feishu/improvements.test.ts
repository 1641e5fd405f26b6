/**
 * Improvement actions on Feishu: March's monthly report opens one for the top cause and its owner, the
 * quality head, gets the notice by DM (open_id); they close it with a message to the bot in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { filingForm } from '../support/org.ts';
import { feishuFixture, sendFeishu, startFeishu, type FeishuRun } from '../support/feishu.ts';

const who = (id: string) => ({ id, name: id });

/** A text message from a person to the bot (the fixture, with a fresh event id). */
function message(openId: string, text: string) {
  const m = feishuFixture('message-receive');
  m.header.event_id = `ev-${openId}-${Math.random()}`;
  m.event.sender.sender_id.open_id = openId;
  m.event.message.message_id = `om_${Math.random().toString(16).slice(2)}`;
  m.event.message.content = JSON.stringify({ text });
  return m;
}

describe('improvement actions on Feishu', () => {
  let f: FeishuRun;
  beforeAll(async () => {
    f = await startFeishu(); // Monday 2026-03-02 09:30 in Shanghai
    await f.running.engine.runOnce();
    const deps = f.running.core.deps;
    const { state } = await fileComplaint(deps, who('chen.jing'), filingForm());
    const n = state.complaint.number;
    await act(deps, who('zhang.wei'), n, 'acknowledge', { firstResponse: '已致电客户' });
    await act(deps, who('zhang.wei'), n, 'submit_8d', {
      d1Team: 'a', d2Problem: 'b', d3Containment: 'c', d4RootCause: 'd', causeCategory: 'supplier', rootCauseTags: '来料硬度不足', d5Corrective: 'e', d6Verification: 'f', d7Prevention: 'g',
    });
    await f.running.engine.idle();
  });
  afterAll(async () => {
    await f?.cleanup();
  });

  it('the owner hears it by DM on April 1 and closes it with a message to the bot', async () => {
    f.clock.set('2026-04-01T01:00:00Z'); // Wednesday 09:00
    const since = f.feishu.calls.length;
    await f.running.engine.runOnce();
    await f.running.engine.idle();
    const dm = await f.feishu.waitFor((c) => c.path === '/open-apis/im/v1/messages' && c.body?.receive_id === 'ou_zhangwei' && JSON.stringify(c.body).includes('IA-2026-03-1 由您负责'), since);
    expect(JSON.stringify(dm.body)).toContain('改进行动 IA-2026-03-1 由您负责：“供应商（来料硬度不足）”是 2026-03 第 1 大原因');

    const before = f.feishu.calls.length;
    await sendFeishu(f.events, message('ou_zhangwei', '投诉 改进 关闭 IA-2026-03-1 供应商已整改，来料硬度抽检合格'));
    const answer = await f.feishu.waitFor((c) => c.path === '/open-apis/im/v1/messages' && JSON.stringify(c.body).includes('已关闭'), before);
    expect(JSON.stringify(answer.body)).toContain('改进行动 IA-2026-03-1（“供应商（来料硬度不足）”）已关闭。');
    expect((await f.running.core.deps.db.prisma.improvement.findUniqueOrThrow({ where: { id: 'IA-2026-03-1' } })).status).toBe('closed');
  });
});
