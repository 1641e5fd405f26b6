/** The accountability statement as one .xlsx with a sheet per table (by person, items): bold frozen headers, real Excel dates. */
import ExcelJS from 'exceljs';
import type { Cell, TrackingTable } from '../views/tracking-table.ts';
import { DATE_FORMAT, excelLocal } from './table.ts';

export async function tablesToXlsx(tables: readonly TrackingTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kesu';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(c.type === 'datetime' ? { style: { numFmt: DATE_FORMAT } } : {}) }));
    sheet.getRow(1).font = { bold: true };
    const cell = (v: Cell) => (v instanceof Date ? excelLocal(v, table.timeZone) : v);
    for (const row of table.rows) sheet.addRow(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, cell(v)])));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
