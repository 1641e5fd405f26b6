/**
 * Improvement actions in the local console of the shipped example organisation: the 8D form offers the
 * root-cause categories; March's monthly report on April 1 opens an action for the top cause, whose
 * owner (the quality head) finds it in their DMs and closes it with a command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../../src/commands/file.ts';
import { act } from '../../src/commands/act.ts';
import { filingForm } from '../support/org.ts';
import { EXAMPLE_CONFIG, startConsole, type ConsoleRun } from '../support/console.ts';

describe('improvement actions in the console', () => {
  let c: ConsoleRun;
  let complaintId = '';
  beforeAll(async () => {
    c = await startConsole({ config: EXAMPLE_CONFIG, start: '2026-03-31T01:30:00Z' }); // Tuesday 09:30
    const deps = c.running.core.deps;
    const { state } = await fileComplaint(deps, { id: 'chen.jing', name: '陈静' }, filingForm());
    complaintId = state.complaint.id;
    await act(deps, { id: 'zhang.wei', name: '张伟' }, state.complaint.number, 'acknowledge', { firstResponse: '已致电客户' });
    await c.api('zhang.wei', '/api/clock/advance', { by: 'hour' }); // the engine's first run
  });
  afterAll(async () => c?.cleanup());

  it('the 8D form offers the categories; the report opens the action; its owner sees it in a DM and closes it', async () => {
    const form = await c.api('zhang.wei', '/api/forms/open', { form: 'submit_8d', complaint: complaintId });
    expect(form.status).toBe(200);
    expect(form.data.html).toContain('原因类别');
    expect(form.data.html).toContain('<option value="machine">设备</option>');
    const submitted = await c.api('zhang.wei', '/api/forms/submit', {
      form: 'submit_8d',
      complaint: complaintId,
      values: { d1Team: '质量部', d2Problem: '内径超差', d3Containment: '库存全检', d4RootCause: '刀具磨损未及时更换', causeCategory: 'machine', rootCauseTags: 'Worn tool', d5Corrective: '换刀', d6Verification: '首件检验', d7Prevention: '刀具寿命管理' },
    });
    expect(submitted.status).toBe(200);

    await c.api('zhang.wei', '/api/clock/advance', { by: 'day' }); // Wednesday 04-01 10:30: March's report
    await c.running.engine.idle();
    const dm = (await c.api('zhang.wei', `/api/conversations/${encodeURIComponent('@zhang.wei')}`)).data.html as string;
    expect(dm).toContain('改进行动 IA-2026-03-1 由您负责：“设备（worn tool）”是 2026-03 第 1 大原因');
    const management = (await c.api('liu.yang', `/api/conversations/${encodeURIComponent('#management')}`)).data.html as string;
    expect(management).toContain('IA-2026-03-1 设备（worn tool）（1 件）— 质量部，张伟 — 进行中');

    const refused = await c.api('li.qiang', '/api/command', { text: '/complaint improvement close IA-2026-03-1 done' });
    expect(refused.status).toBe(403);
    const closed = await c.api('zhang.wei', '/api/command', { text: '/complaint 改进 关闭 IA-2026-03-1 刀具寿命改为 500 件，4 月无复发' });
    expect(closed.status).toBe(200);
    expect(closed.data.html).toContain('改进行动 IA-2026-03-1（“设备（worn tool）”）已关闭。');
    const list = await c.api('liu.yang', '/api/command', { text: '/complaint improvement' });
    expect(list.data.html).toContain('无未关闭的改进行动');
  });
});
