/**
 * The tracking-table export from a real database: the .xlsx opens with exceljs and gives back every
 * value, the CSV (UTF-8 with BOM) parses back to the same values, and a requester who may not see a
 * customer's contact never finds it in either file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { ManualClock } from '../../src/clock.ts';
import { act } from '../../src/commands/act.ts';
import { exportTable } from '../../src/commands/export.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { formatDateTime } from '../../src/notifiers/i18n/format.ts';
import { excelLocal, tableToCsv, tableToXlsx } from '../../src/notifiers/render/table.ts';
import type { TrackingTable } from '../../src/notifiers/views/tracking-table.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { actor, filingForm, testOrg } from '../support/org.ts';

const CONTACT = '13812345678';

async function xlsxRows(buf: Buffer): Promise<{ frozen: unknown; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { frozen: sheet.views[0], rows };
}

const asRows = (t: TrackingTable) => [t.columns.map((c) => c.header), ...t.rows.map((r) => t.columns.map((c) => r[c.key]))];

describe('tracking-table export', () => {
  let db: TestDatabase;
  const clock = new ManualClock('2026-03-02T01:30:00Z');
  const org = testOrg();
  let deps: ReturnType<typeof org.deps>;
  beforeAll(async () => {
    db = await openTestDatabase('sqlite');
    deps = org.deps(db, clock);
    const first = await fileComplaint(deps, actor('cs.li'), filingForm({ customerContact: CONTACT, claimAmount: '12345.50', claimCurrency: 'CNY' }));
    clock.advance(3_600_000);
    await act(deps, actor('q.chen'), first.state.complaint.id, 'acknowledge', { handlerId: 'q.liu', firstResponse: '已回电' });
    // Filed by the sales VP: they may see their own complaint, but not the customer's contact.
    await fileComplaint(deps, actor('vp.xu'), filingForm({ title: '发票抬头错误', customerContact: 'buyer@example.com', category: 'service_attitude' }));
    clock.set('2026-04-01T01:00:00Z');
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  it('has a row per complaint with its latest state', async () => {
    const t = await exportTable(deps, undefined, { from: '2026-03-01', to: '2026-03-31' });
    expect(t.rows.map((r) => r.number)).toEqual(['KS-2026-0001', 'KS-2026-0002']);
    expect(t.rows[0]).toMatchObject({ receivedAt: new Date('2026-03-02T01:30:00Z'), handler: '刘洋', status: '已受理', responseMet: new Date('2026-03-02T02:30:00Z'), claimAmount: 12345.5, contact: CONTACT, reopenCount: 0 });
    expect(t.rows[0]).toMatchObject({ responseOverdue: '否', responseBreachedAt: null, firstResponses: '2026-03-02 10:30 已回电' });
    expect(t.columns.map((c) => c.header)).toContain('8D 报告期限');
    const april = await exportTable(deps, undefined, { from: '2026-04-01', to: '2026-04-30' });
    expect(april.rows).toEqual([]);
  });

  it('the .xlsx opens with exceljs, header frozen, and gives back every value', async () => {
    const t = await exportTable(deps, undefined, { from: '2026-03-01', to: '2026-03-31' });
    const { frozen, rows } = await xlsxRows(await tableToXlsx(t));
    expect(frozen).toMatchObject({ state: 'frozen', ySplit: 1 });
    // Times come back as the local wall-clock time (Excel dates have no zone).
    const expected = asRows(t).map((r) => r.map((v) => (v === null ? undefined : v instanceof Date ? excelLocal(v, 'Asia/Shanghai') : v)));
    expect(rows.map((r) => expected[0]!.map((_, i) => r[i]))).toEqual(expected);
  });

  it('the CSV starts with a BOM and parses back to the same values', () => {
    return exportTable(deps, actor('gm.wang'), { from: '2026-03-01', to: '2026-03-31' }).then((t) => {
      const csv = tableToCsv(t);
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const parsed = parse(csv, { bom: true }) as string[][];
      expect(parsed).toEqual(asRows(t).map((r) => r.map((v) => (v === null ? '' : v instanceof Date ? formatDateTime(v, 'Asia/Shanghai') : String(v)))));
      expect(parsed[1]![1]).toBe('2026-03-02 09:30');
      expect(csv.toString('utf8')).toContain(CONTACT); // the GM may see it
    });
  });

  it('masks contact data for a requester without access, and leaves out what they may not see at all', async () => {
    // The sales VP sees their own complaint, and the first one as the approver of its claim — neither's contact.
    const t = await exportTable(deps, actor('vp.xu'), { from: '2026-03-01', to: '2026-03-31' });
    expect(t.rows.map((r) => r.number)).toEqual(['KS-2026-0001', 'KS-2026-0002']);
    expect((await exportTable(deps, actor('l.he'), { from: '2026-03-01', to: '2026-03-31' })).rows).toEqual([]);
    const csv = tableToCsv(t).toString('utf8');
    const { rows } = await xlsxRows(await tableToXlsx(t));
    for (const text of [csv, JSON.stringify(rows)]) {
      expect(text).not.toContain('buyer@example.com');
      expect(text).not.toContain(CONTACT);
    }
    expect(t.rows.map((r) => r.contact)).toEqual([expect.stringMatching(/\*/), expect.stringMatching(/\*/)]);
  });
});
