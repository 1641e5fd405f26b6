/**
 * The accountability statement in the local console of the shipped example organisation: March's
 * statement arrives in the GM's direct messages on April 1 with a Sign button; the GM signs with it
 * (a second click and the command are refused), finance is told with the .xlsx's download in the
 * message; a member and the finance VP (signing) are refused, in their language.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act } from '../../src/commands/act.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { ACK, REPORT } from '../support/controls.ts';
import { filingForm } from '../support/org.ts';
import { EXAMPLE_CONFIG, startConsole, type ConsoleRun } from '../support/console.ts';

describe('accountability statement in the console', () => {
  let c: ConsoleRun;
  beforeAll(async () => {
    c = await startConsole({ config: EXAMPLE_CONFIG, start: '2026-03-31T01:30:00Z' }); // Tuesday 09:30
    await c.api('zhang.wei', '/api/clock/advance', { by: 'hour' }); // the engine's first run
    const deps = c.running.core.deps;
    const head = { id: 'li.qiang', name: '李强' };
    const n = (await fileComplaint(deps, { id: 'chen.jing', name: '陈静' }, filingForm({ category: 'service_attitude', title: '业务员态度差' }))).state.complaint.number;
    await act(deps, head, n, 'acknowledge', ACK);
    await act(deps, head, n, 'submit_8d', { ...REPORT, sentVia: 'email' });
    await act(deps, head, n, 'resolve', { kinds: ['apology'], summary: '已致歉', fellShort: 'zhou.min:sales_rep', jointlyLiable: 'liu.yang:sales_supervisor, li.qiang:sales_manager' });
  });
  afterAll(async () => c?.cleanup());

  const dm = async (person: string) => (await c.api(person, `/api/conversations/${encodeURIComponent(`@${person}`)}`)).data.html as string;

  it('reaches the GM on April 1, is signed by the GM only, and finance downloads it', async () => {
    expect(await dm('wang.jianguo')).not.toContain('责任落实明细');
    await c.api('zhang.wei', '/api/clock/advance', { by: 'day' }); // Wednesday 04-01 10:30
    expect(await dm('wang.jianguo')).toMatch(/2026-03 责任落实明细[^]*3 人，扣款合计 ¥150.00[^]*周敏：¥50.00，取消提成 ×1/);

    const member = await c.api('zhou.min', '/api/command', { text: '/complaint statement 2026-03' });
    expect([member.status, member.data.code]).toEqual([403, 'statement_forbidden']);
    expect(member.data.error).toContain('statements are seen only by'); // zhou.min reads English
    const finSign = await c.api('wu.lihua', '/api/command', { text: '/complaint statement sign 2026-03' });
    expect([finSign.status, finSign.data.code]).toEqual([403, 'statement_sign_forbidden']);

    // The Sign button on the GM's message: finance's click refused; the GM's signs; a second click refused.
    expect(await dm('wang.jianguo')).toContain('data-button="sign_statement" data-value="2026-03"');
    const press = (person: string) => c.api(person, '/api/buttons', { button: 'sign_statement', value: '2026-03' });
    const finPress = await press('wu.lihua');
    expect([finPress.status, finPress.data.code]).toEqual([403, 'statement_sign_forbidden']);
    const signed = await press('wang.jianguo');
    expect(signed.data.html).toContain('你已签字确认 2026-03 的责任落实明细，已提交财务（吴丽华）。');
    const again = await press('wang.jianguo');
    expect([again.status, again.data.code]).toEqual([409, 'statement_already_signed']);
    const againByCommand = await c.api('wang.jianguo', '/api/command', { text: '/complaint statement sign 2026-03' });
    expect(againByCommand.data.code).toBe('statement_already_signed');
    await c.api('zhang.wei', '/api/clock/advance', { by: 'hour' }); // delivery
    // Finance's message carries the file's download.
    expect(await dm('wu.lihua')).toMatch(/2026-03 责任落实明细已由 王建国 于 2026-04-01 10:30 签字[^]*data-export="xlsx" data-statement="2026-03"/);

    const offered = await c.api('wu.lihua', '/api/command', { text: '/complaint statement 2026-03' });
    expect(offered.data.html).toContain('data-export="xlsx" data-statement="2026-03"');
    const download = (person: string) =>
      fetch(new URL('/api/export', c.url), { method: 'POST', headers: { 'x-kesu-as': person, 'content-type': 'application/json' }, body: JSON.stringify({ statement: '2026-03', format: 'xlsx' }) });
    const file = await download('wu.lihua');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="kesu-accountability-2026-03.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await file.arrayBuffer());
    const names: unknown[] = [];
    wb.worksheets[0]!.eachRow((row, i) => void (i > 1 && names.push([row.getCell(1).value, row.getCell(3).value])));
    expect(names).toEqual([['周敏', 50], ['刘洋', 50], ['李强', 50]]);
    expect((await download('zhou.min')).status).toBe(403);
  });
});
