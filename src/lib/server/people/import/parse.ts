import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { rosterColumns, type RosterKey, type RosterRow } from './columns';

export const MAX_ROSTER_BYTES = 5 * 1024 * 1024;
export const MAX_ROSTER_ROWS = 20_000;

export type ParseResult = { ok: true; rows: RosterRow[] } | { ok: false; message: string };

/** Excel in China saves CSV as GBK: decode as UTF-8 when valid, else GB18030. */
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

async function readTable(name: string, bytes: Uint8Array): Promise<string[][]> {
	if (/\.xlsx$/i.test(name)) {
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
		const sheet = workbook.worksheets[0];
		if (!sheet) return [];
		const table: string[][] = [];
		sheet.eachRow({ includeEmpty: true }, (row, n) => {
			const values = row.values as ExcelJS.CellValue[];
			table[n - 1] = values.slice(1).map((v) => cellText(v).trim());
		});
		return Array.from(table, (r) => r ?? []);
	}
	const parsed = Papa.parse<string[]>(decodeText(bytes), { skipEmptyLines: false });
	return parsed.data.map((r) => r.map((c) => String(c ?? '').trim()));
}

/** File → rows keyed by roster column; row numbers are as the spreadsheet shows them. */
export async function parseRoster(name: string, bytes: Uint8Array): Promise<ParseResult> {
	if (!/\.(xlsx|csv)$/i.test(name)) return { ok: false, message: '只支持 .xlsx 或 .csv 文件（旧版 .xls 请先在 Excel 中另存为 .xlsx）' };
	if (bytes.byteLength === 0) return { ok: false, message: '文件为空' };
	if (bytes.byteLength > MAX_ROSTER_BYTES) return { ok: false, message: '文件超过 5 MB，请拆分后分批导入' };
	let table: string[][];
	try {
		table = await readTable(name, bytes);
	} catch {
		return { ok: false, message: '无法读取文件，请确认是有效的 Excel（.xlsx）或 CSV 文件' };
	}
	const header = table[0] ?? [];
	const index = new Map<RosterKey, number>();
	const missing: string[] = [];
	for (const col of rosterColumns) {
		const at = header.findIndex((h) => h === col.header || (col.aliases as readonly string[]).includes(h));
		if (at >= 0) index.set(col.key, at);
		else if (col.required) missing.push(col.header);
	}
	if (missing.length) return { ok: false, message: `第 1 行（表头）缺少列：${missing.join('、')}。请使用导入模板。` };
	const rows: RosterRow[] = [];
	for (let i = 1; i < table.length; i++) {
		const cells = table[i];
		if (!cells || cells.every((c) => c === '')) continue;
		const row = { rowNumber: i + 1 } as RosterRow;
		for (const col of rosterColumns) row[col.key] = index.has(col.key) ? (cells[index.get(col.key)!] ?? '') : '';
		rows.push(row);
	}
	if (rows.length === 0) return { ok: false, message: '文件中没有数据行' };
	if (rows.length > MAX_ROSTER_ROWS) return { ok: false, message: `一次最多导入 ${MAX_ROSTER_ROWS} 行，请拆分文件` };
	return { ok: true, rows };
}
