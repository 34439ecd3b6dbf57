import { dataRows, MAX_SHEET_ROWS, readSpreadsheet } from '../spreadsheet/read';

// A list that needs only a 学号/工号 column (and optionally 姓名).

export interface ListRow {
	rowNumber: number;
	username: string;
	/** optional 姓名 column: checked against the record to catch a mistyped 学号 */
	name: string;
}

const idHeaders = ['学号/工号', '学号', '工号', '学工号', '账号', 'username'];
const nameHeaders = ['姓名', 'name'];

export async function parseIdList(fileName: string, bytes: Uint8Array): Promise<{ ok: true; rows: ListRow[] } | { ok: false; message: string }> {
	const sheet = await readSpreadsheet(fileName, bytes);
	if (!sheet.ok) return sheet;
	const table = sheet.table;
	const header = table[0] ?? [];
	const idAt = header.findIndex((h) => idHeaders.includes(h));
	const nameAt = header.findIndex((h) => nameHeaders.includes(h));
	if (idAt < 0) return { ok: false, message: '第 1 行（表头）缺少“学号/工号”列' };
	const rows: ListRow[] = dataRows(table).map(({ rowNumber, cells }) => ({
		rowNumber,
		username: cells[idAt] ?? '',
		name: nameAt >= 0 ? (cells[nameAt] ?? '') : ''
	}));
	if (rows.length === 0) return { ok: false, message: '文件中没有数据行' };
	if (rows.length > MAX_SHEET_ROWS) return { ok: false, message: `一次最多导入 ${MAX_SHEET_ROWS} 行，请拆分文件` };
	return { ok: true, rows };
}
