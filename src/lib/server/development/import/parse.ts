import { importColumns, type ImportRow } from './columns';
import { keyedRows, readSpreadsheet } from '../../spreadsheet/read';

export const MAX_IMPORT_ROWS = 10_000;

export type ParseResult = { ok: true; rows: ImportRow[] } | { ok: false; message: string };

/** The first sheet as rows keyed by column; row numbers as the spreadsheet shows them. */
export async function parseImport(name: string, bytes: Uint8Array): Promise<ParseResult> {
	if (!/\.xlsx$/i.test(name)) return { ok: false, message: '只支持 .xlsx 文件（旧版 .xls 请先在 Excel 中另存为 .xlsx）' };
	const sheet = await readSpreadsheet(name, bytes);
	if (!sheet.ok) return sheet;
	const keyed = keyedRows(sheet.table, importColumns);
	if (!keyed.ok) return keyed;
	const { rows } = keyed;
	if (rows.length === 0) return { ok: false, message: '文件中没有数据行' };
	if (rows.length > MAX_IMPORT_ROWS) return { ok: false, message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分文件` };
	return { ok: true, rows };
}
