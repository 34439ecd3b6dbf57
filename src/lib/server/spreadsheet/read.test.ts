import { describe, expect, it } from 'vitest';
import { readSpreadsheet } from './read';
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
