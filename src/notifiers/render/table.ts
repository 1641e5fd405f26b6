/**
 * The tracking table as files: .xlsx (exceljs: frozen, bold header row, column widths, one sheet) and
 * CSV (UTF-8 with a byte-order mark so spreadsheet programs read Chinese correctly, RFC 4180 quoting).
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { TrackingTable } from '../views/tracking-table.ts';

const SHEET_NAME_MAX = 31;

export async function tableToXlsx(table: TrackingTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kesu';
  const sheet = workbook.addWorksheet(table.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, SHEET_NAME_MAX), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function tableToCsv(table: TrackingTable): Buffer {
  const body = stringify([table.columns.map((c) => c.header), ...table.rows.map((r) => table.columns.map((c) => r[c.key] ?? ''))], { record_delimiter: 'windows' });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}
