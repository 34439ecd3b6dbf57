import ExcelJS from 'exceljs';
import { attachment } from '../http/download';

// Every export writes its workbook here, so every sheet looks the same: a bold header row that
// stays in view while scrolling, columns as wide as their content usually is, and the columns
// that hold 学号, phone numbers or 身份证号 stored as text (Excel would drop leading zeros and
// round 18 digits).

export interface Column {
	header: string;
	/** the row property this column shows */
	key: string;
	/** in characters */
	width: number;
	/** an Excel number format: '@' keeps the value as text, '0.0' one decimal, '0.0%' a rate */
	format?: string;
	/** long text: wrapped, aligned to the top of the row */
	wrap?: boolean;
}

export type SheetRow = Record<string, unknown>;

export interface Sheet {
	name: string;
	columns: readonly Column[];
	/** objects keyed by column key; other properties are ignored, `{}` is a blank row */
	rows: Iterable<SheetRow>;
	/** a bold line above the header (what the sheet is about); the header is then row 2 */
	caption?: unknown[];
}

/** Text columns are the same in every export. */
export const asText = '@';

/** Whom a row is about, first in every list of people: 学号/工号 (as text) and 姓名. */
export const identityColumns: readonly Column[] = [
	{ header: '学号/工号', key: 'username', width: 14, format: asText },
	{ header: '姓名', key: 'name', width: 10 }
];

function addSheet(workbook: ExcelJS.Workbook, { name, columns, rows, caption }: Sheet) {
	const sheet = workbook.addWorksheet(name);
	sheet.columns = columns.map((c) => ({ key: c.key, width: c.width, ...(caption ? {} : { header: c.header }) }));
	if (caption) {
		sheet.addRow(caption).font = { bold: true };
		sheet.addRow(columns.map((c) => c.header));
	}
	const headerRow = caption ? 2 : 1;
	sheet.getRow(headerRow).font = { bold: true };
	sheet.views = [{ state: 'frozen', ySplit: headerRow }];
	for (const row of rows) sheet.addRow(row);
	// After the rows: a column's format then reaches every cell already written.
	for (const c of columns) {
		if (c.format) sheet.getColumn(c.key).numFmt = c.format;
		if (c.wrap) sheet.getColumn(c.key).alignment = { wrapText: true, vertical: 'top' };
	}
}

/** The sheets as an .xlsx file; `title` is the workbook's document title (File → Properties). */
export async function xlsx(sheets: Sheet[], options: { title?: string } = {}) {
	const workbook = new ExcelJS.Workbook();
	if (options.title) workbook.title = options.title;
	for (const sheet of sheets) addSheet(workbook, sheet);
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** An .xlsx download named in Chinese (e.g. `推优名单-2026-12-03.xlsx`), never cached. */
export function xlsxResponse(bytes: Uint8Array, fileName: string) {
	return new Response(bytes as BodyInit, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': attachment(fileName, 'export.xlsx'),
			'cache-control': 'private, no-store'
		}
	});
}
