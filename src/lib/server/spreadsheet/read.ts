import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { MAX_SHEET_BYTES, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_SHEET_UNPACKED } from './limits';
import { inflatedSize } from './unzip';

// Every spreadsheet import (roster, cohort lists, question banks, development records) reads
// its file with readSpreadsheet: the first sheet of an .xlsx, or a CSV in UTF-8 or, as Excel in
// China saves it, GBK. Cells come back as trimmed strings; dates as 'YYYY-MM-DD'. The imports
// with a template's columns then read the rows with keyedRows.

export { MAX_SHEET_BYTES, MAX_SHEET_ROWS };

/** A file that is an .xlsx but too big to read: the message says why. */
export class SheetTooLarge extends Error {}

function decodeText(bytes: Uint8Array) {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		return new TextDecoder('gb18030').decode(bytes);
	}
}

function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'object') {
		if ('text' in value && typeof value.text === 'string') return value.text;
		if ('richText' in value) return value.richText.map((r) => r.text).join('');
		if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
		return '';
	}
	return String(value);
}

/**
 * The first sheet of an .xlsx as trimmed strings (row 1 = table[0]). Its inflated size is
 * counted before the workbook is built, and a value past the row or column limits ends the
 * read: a few hundred KB of .xlsx can otherwise unpack to gigabytes, or name a cell at row
 * 1 048 576 and make a million rows. Throws SheetTooLarge, or whatever ExcelJS throws for a
 * broken file.
 */
async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
	let left = MAX_SHEET_UNPACKED;
	for (const entry of Object.values((await JSZip.loadAsync(bytes)).files)) {
		const size = entry.dir ? 0 : await inflatedSize(entry, left);
		if (size === null) throw new SheetTooLarge(`文件解压后超过 ${MAX_SHEET_UNPACKED / 1024 / 1024} MB，请拆分后分批导入`);
		left -= size;
	}
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
	const table: string[][] = [];
	workbook.worksheets[0]?.eachRow((row, n) => {
		// The header and MAX_SHEET_ROWS data rows; blank rows between them keep their numbers.
		if (n > MAX_SHEET_ROWS + 1) throw new SheetTooLarge(`表格超过 ${MAX_SHEET_ROWS} 行，请拆分后分批导入`);
		const cells: string[] = [];
		row.eachCell((cell, column) => {
			if (column > MAX_SHEET_COLUMNS) throw new SheetTooLarge(`表格超过 ${MAX_SHEET_COLUMNS} 列，请使用导入模板`);
			cells[column - 1] = cellText(cell.value).trim();
		});
		table[n - 1] = Array.from(cells, (c) => c ?? '');
	});
	return Array.from(table, (r) => r ?? []);
}

async function readTable(name: string, bytes: Uint8Array): Promise<string[][]> {
	if (/\.xlsx$/i.test(name)) return readXlsx(bytes);
	return Papa.parse<string[]>(decodeText(bytes), { skipEmptyLines: false }).data.map((r) => r.map((c) => String(c ?? '').trim()));
}

export type SheetResult = { ok: true; table: string[][] } | { ok: false; message: string };

/** The file's rows (row 1 = table[0]), or a Chinese message saying why it can't be read. */
export async function readSpreadsheet(name: string, bytes: Uint8Array): Promise<SheetResult> {
	if (!/\.(xlsx|csv)$/i.test(name)) return { ok: false, message: '只支持 .xlsx 或 .csv 文件（旧版 .xls 请先在 Excel 中另存为 .xlsx）' };
	if (bytes.byteLength === 0) return { ok: false, message: '文件为空' };
	if (bytes.byteLength > MAX_SHEET_BYTES) return { ok: false, message: '文件超过 5 MB，请拆分后分批导入' };
	try {
		return { ok: true, table: await readTable(name, bytes) };
	} catch (e) {
		if (e instanceof SheetTooLarge) return { ok: false, message: e.message };
		return { ok: false, message: '无法读取文件，请确认是有效的 Excel（.xlsx）或 CSV 文件' };
	}
}

/** Data rows (after the header) with their spreadsheet row numbers; blank rows skipped. */
export function dataRows(table: string[][]) {
	const rows: { rowNumber: number; cells: string[] }[] = [];
	for (let i = 1; i < table.length; i++) {
		const cells = table[i];
		if (cells && cells.some((c) => c !== '')) rows.push({ rowNumber: i + 1, cells });
	}
	return rows;
}

export interface ImportColumn<K extends string> {
	key: K;
	header: string;
	/** other headings schools commonly use for it */
	aliases: readonly string[];
	required: boolean;
}

export type KeyedRows<K extends string> = { ok: true; rows: ({ rowNumber: number } & Record<K, string>)[]; columns: Set<K> } | { ok: false; message: string };

/**
 * Data rows keyed by the import's columns, found in row 1 by heading or alias; a column the
 * file lacks reads ''. `columns`: those the file has (a sheet from before a column existed lacks
 * it). Refuses a header without a required column, naming each.
 */
export function keyedRows<K extends string>(table: string[][], columns: readonly ImportColumn<K>[]): KeyedRows<K> {
	const header = table[0] ?? [];
	const index = new Map<K, number>();
	const missing: string[] = [];
	for (const col of columns) {
		const at = header.findIndex((h) => h === col.header || col.aliases.includes(h));
		if (at >= 0) index.set(col.key, at);
		else if (col.required) missing.push(col.header);
	}
	if (missing.length) return { ok: false, message: `第 1 行（表头）缺少列：${missing.join('、')}。请使用导入模板。` };
	const rows = dataRows(table).map(({ rowNumber, cells }) => {
		const row = { rowNumber } as { rowNumber: number } & Record<K, string>;
		for (const col of columns) (row as Record<K, string>)[col.key] = index.has(col.key) ? (cells[index.get(col.key)!] ?? '') : '';
		return row;
	});
	return { ok: true, rows, columns: new Set(index.keys()) };
}
