/**
 * The Feishu deliverer through the outbox: a throttled send (99991400) is retried later, a stale token
 * (99991663) is refreshed at once, and a card Feishu will no longer patch is sent anew.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { filingForm } from '../support/org.ts';
import { startFeishu, type FeishuRun } from '../support/feishu.ts';

const who = (id: string) => ({ id, name: id });

describe('the Feishu deliverer', () => {
  let f: FeishuRun;
  let id = '';
  beforeAll(async () => {
    f = await startFeishu();
    id = (await fileComplaint(f.running.core.deps, who('chen.jing'), filingForm())).state.complaint.id;
    await f.running.engine.idle();
  });
  afterAll(async () => {
    await f?.cleanup();
  });
  const db = () => f.running.core.deps.db.prisma;

  it('retries a throttled card update after Feishu’s one second, by itself, then patches the same card', async () => {
    f.feishu.fail('PATCH /open-apis/im/v1/messages/:id', { code: 99991400 });
    await act(f.running.core.deps, who('zhang.wei'), id, 'acknowledge', { handlerId: 'liu.yang', firstResponse: '已回电' });
    await f.running.engine.idle();
    const row = await db().outbox.findFirstOrThrow({ where: { platform: 'feishu', kind: 'card' }, orderBy: { id: 'desc' } });
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(row.lastError).toContain('throttled');
    expect(await db().messageRef.count({ where: { complaintId: id, platform: 'feishu' } })).toBe(1);
  });

  it('refreshes a token Feishu no longer accepts, and delivers without a retry', async () => {
    f.feishu.expireToken();
    await act(f.running.core.deps, who('zhang.wei'), id, 'regrade', { grade: 'B', note: '影响装配' });
    await f.running.engine.idle();
    expect(await db().outbox.count({ where: { platform: 'feishu', status: { not: 'sent' } } })).toBe(0);
  });

  it('refreshes a token revoked with HTTP 400 + 99991663 too', async () => {
    f.feishu.expireToken({ status: 400 });
    await act(f.running.core.deps, who('zhang.wei'), id, 'comment', { text: '客户来电催促' });
    await f.running.engine.idle();
    expect(await db().outbox.count({ where: { platform: 'feishu', status: { not: 'sent' } } })).toBe(0);
  });

  it('sends a new card when Feishu refuses to patch the old one (past the 14-day window)', async () => {
    const before = await db().messageRef.findFirstOrThrow({ where: { complaintId: id, platform: 'feishu' } });
    f.feishu.fail('PATCH /open-apis/im/v1/messages/:id', { code: 230031 });
    const n = f.feishu.calls.length;
    await act(f.running.core.deps, who('zhang.wei'), id, 'regrade', { grade: 'C', note: '客户要求退款' });
    await f.running.engine.idle();
    const fresh = await f.feishu.waitFor((c) => c.path === '/open-apis/im/v1/messages' && c.body.receive_id === 'oc_placeholder_quality', n);
    expect(JSON.stringify(fresh.card)).toContain('C 恶劣');
    const after = await db().messageRef.findFirstOrThrow({ where: { complaintId: id, platform: 'feishu' } });
    expect(after.messageId).not.toBe(before.messageId);
  });
});
