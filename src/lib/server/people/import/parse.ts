import { keyedRows, MAX_SHEET_BYTES, MAX_SHEET_ROWS, readSpreadsheet } from '../../spreadsheet/read';
import { rosterColumns, type RosterKey, type RosterRow } from './columns';

export const MAX_ROSTER_BYTES = MAX_SHEET_BYTES;
export const MAX_ROSTER_ROWS = MAX_SHEET_ROWS;

/** `columns`: the roster columns the file has (a sheet from before a column existed lacks it). */
export type ParseResult = { ok: true; rows: RosterRow[]; columns: Set<RosterKey> } | { ok: false; message: string };

/** File → rows keyed by roster column; row numbers are as the spreadsheet shows them. */
export async function parseRoster(name: string, bytes: Uint8Array): Promise<ParseResult> {
	const sheet = await readSpreadsheet(name, bytes);
	if (!sheet.ok) return sheet;
	const keyed = keyedRows(sheet.table, rosterColumns);
	if (!keyed.ok) return keyed;
	const { rows, columns } = keyed;
	if (rows.length === 0) return { ok: false, message: '文件中没有数据行' };
	if (rows.length > MAX_ROSTER_ROWS) return { ok: false, message: `一次最多导入 ${MAX_ROSTER_ROWS} 行，请拆分文件` };
	return { ok: true, rows, columns };
}
