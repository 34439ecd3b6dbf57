import { importColumns, type ImportKey, type ImportRow } from './columns';
import { readSpreadsheet } from '../../spreadsheet/read';

export const MAX_IMPORT_ROWS = 10_000;

export type ParseResult = { ok: true; rows: ImportRow[] } | { ok: false; message: string };

/** The first sheet as rows keyed by column; row numbers as the spreadsheet shows them. */
export async function parseImport(name: string, bytes: Uint8Array): Promise<ParseResult> {
	if (!/\.xlsx$/i.test(name)) return { ok: false, message: '只支持 .xlsx 文件（旧版 .xls 请先在 Excel 中另存为 .xlsx）' };
	const sheet = await readSpreadsheet(name, bytes);
	if (!sheet.ok) return sheet;
	const table = sheet.table;
	const header = table[0] ?? [];
	const index = new Map<ImportKey, number>();
	const missing: string[] = [];
	for (const col of importColumns) {
		const at = header.findIndex((h) => h === col.header || (col.aliases as readonly string[]).includes(h));
		if (at >= 0) index.set(col.key, at);
		else if (col.required) missing.push(col.header);
	}
	if (missing.length) return { ok: false, message: `第 1 行（表头）缺少列：${missing.join('、')}。请使用导入模板。` };
	const rows: ImportRow[] = [];
	for (let i = 1; i < table.length; i++) {
		const cells = table[i];
		if (!cells || cells.every((c) => c === '')) continue;
		const row = { rowNumber: i + 1 } as ImportRow;
		for (const col of importColumns) row[col.key] = index.has(col.key) ? (cells[index.get(col.key)!] ?? '') : '';
		rows.push(row);
	}
	if (rows.length === 0) return { ok: false, message: '文件中没有数据行' };
	if (rows.length > MAX_IMPORT_ROWS) return { ok: false, message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分文件` };
	return { ok: true, rows };
}
