/**
 * The tracking table as files: .xlsx (exceljs: frozen, bold header row, column widths, one sheet, times
 * as real Excel dates in the organisation's time zone) and CSV (UTF-8 with a byte-order mark so
 * spreadsheet programs read Chinese correctly, RFC 4180 quoting, times as local "YYYY-MM-DD HH:mm").
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import { formatDateTime } from '../i18n/format.ts';
import type { Cell, TrackingTable } from '../views/tracking-table.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

export const DATE_FORMAT = 'yyyy-mm-dd hh:mm';

/**
 * Excel dates have no time zone: a cell holds the wall-clock time. exceljs writes a Date's UTC fields,
 * so the moment is shifted by the zone's offset at that moment to read as local time.
 */
export function excelLocal(at: Date, timeZone: string): Date {
  return new Date(at.getTime() + dayjs(at).tz(timeZone).utcOffset() * 60_000);
}

export async function tableToXlsx(table: TrackingTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kesu';
  const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.type === 'datetime' ? { style: { numFmt: DATE_FORMAT } } : c.wrap ? { style: { alignment: { wrapText: true, vertical: 'top' } } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  const cell = (v: Cell) => (v instanceof Date ? excelLocal(v, table.timeZone) : v);
  for (const row of table.rows) sheet.addRow(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, cell(v)])));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function tableToCsv(table: TrackingTable): Buffer {
  const text = (v: Cell | undefined) => (v instanceof Date ? formatDateTime(v, table.timeZone) : (v ?? ''));
  const body = stringify([table.columns.map((c) => c.header), ...table.rows.map((r) => table.columns.map((c) => text(r[c.key])))], { record_delimiter: 'windows' });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}
