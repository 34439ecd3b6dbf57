import { describe, expect, it } from 'vitest';
import { keyedRows, readSpreadsheet } from './read';
import { parseImport } from '../development/import/parse';
import { sheetXml, xlsxOf } from '../../../test-support/spreadsheet';

// Every import reads its .xlsx through readSpreadsheet: a small file must not be able to make the
// server build gigabytes, whatever it claims inside.
describe('readSpreadsheet', () => {
	it('reads the first sheet as trimmed strings, blank cells and rows kept in place', async () => {
		const bytes = await xlsxOf([['学号', '姓名', '备注'], [' 2024001 ', '', '党员'], [], ['2024002', '李四']]);
		const sheet = await readSpreadsheet('名单.xlsx', bytes);
		expect(sheet).toEqual({ ok: true, table: [['学号', '姓名', '备注'], ['2024001', '', '党员'], [], ['2024002', '李四']] });
	});

	it('refuses a file that unpacks past 32 MB, counting the bytes rather than trusting the file', async () => {
		// ~300 KB of .xlsx: 24 000 rows of 1 800 characters each.
		const row = (n: number) => `<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>${'党'.repeat(600)}</t></is></c></row>`;
		const bytes = await xlsxOf([], sheetXml({ A1: '学号' }, Array.from({ length: 20_000 }, (_, i) => row(i + 2)).join('')));
		expect(bytes.byteLength).toBeLessThan(1024 * 1024);
		const sheet = await readSpreadsheet('名单.xlsx', bytes);
		expect(sheet).toEqual({ ok: false, message: '文件解压后超过 32 MB，请拆分后分批导入' });
	});

	it('refuses a value past row 20 001 without making the rows in between', async () => {
		const started = Date.now();
		const sheet = await readSpreadsheet('名单.xlsx', await xlsxOf([], sheetXml({ A1: '学号', A1048576: 'x' })));
		expect(sheet).toEqual({ ok: false, message: '表格超过 20000 行，请拆分后分批导入' });
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('refuses a value past column 100 (the last column is XFD)', async () => {
		const sheet = await readSpreadsheet('名单.xlsx', await xlsxOf([], sheetXml({ A1: '学号', XFD2: 'x' })));
		expect(sheet).toEqual({ ok: false, message: '表格超过 100 列，请使用导入模板' });
	});

	it('is what the development record import reads too', async () => {
		expect(await parseImport('发展.xlsx', await xlsxOf([], sheetXml({ A1: '学号', XFD2: 'x' })))).toEqual({ ok: false, message: '表格超过 100 列，请使用导入模板' });
	});
});

describe('keyedRows', () => {
	const columns = [
		{ key: 'username', header: '学号/工号', aliases: ['学号'], required: true },
		{ key: 'name', header: '姓名', aliases: [], required: true },
		{ key: 'note', header: '备注', aliases: [], required: false },
		{ key: 'phone', header: '手机', aliases: [], required: false }
	] as const;

	it('finds columns by heading or alias, in any order; a column the file lacks reads ""', () => {
		const r = keyedRows([['备注', '学号', '姓名'], ['党员', '2024001', '张三'], [], ['', '2024002', '李四']], columns);
		expect(r).toEqual({
			ok: true,
			rows: [
				{ rowNumber: 2, username: '2024001', name: '张三', note: '党员', phone: '' },
				{ rowNumber: 4, username: '2024002', name: '李四', note: '', phone: '' }
			],
			columns: new Set(['note', 'username', 'name'])
		});
	});

	it('names every required column the header lacks', () => {
		expect(keyedRows([['备注'], ['x']], columns)).toEqual({ ok: false, message: '第 1 行（表头）缺少列：学号/工号、姓名。请使用导入模板。' });
	});
});
