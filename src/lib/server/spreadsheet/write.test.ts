import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { asText, xlsx, xlsxResponse } from './write';
import { readSpreadsheet } from './read';

async function open(bytes: Uint8Array) {
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(bytes as unknown as ArrayBuffer);
	return book;
}

describe('xlsx: every export’s sheets', () => {
	const columns = [
		{ header: '学号/工号', key: 'username', width: 14, format: asText },
		{ header: '姓名', key: 'name', width: 10 },
		{ header: '说明', key: 'note', width: 40, wrap: true },
		{ header: '学时', key: 'hours', width: 8, format: '0.0' }
	];

	it('writes a bold, frozen header, the widths and formats, and rows by key (other properties ignored)', async () => {
		const bytes = await xlsx([{ name: '名单', columns, rows: [{ username: '007', name: '张三', note: '第一行\n第二行', hours: 1.5, other: [1] }, {}, { username: '008', name: '李四' }] }], { title: '第45期' });
		const book = await open(bytes);
		expect(book.title).toBe('第45期');
		const sheet = book.getWorksheet('名单')!;
		expect(sheet.getRow(1).values).toEqual([undefined, '学号/工号', '姓名', '说明', '学时']);
		expect(sheet.getRow(1).font?.bold).toBe(true);
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(columns.map((_, i) => sheet.getColumn(i + 1).width)).toEqual([14, 10, 40, 8]);
		expect(sheet.getCell('A2').value).toBe('007');
		expect(sheet.getCell('A2').numFmt).toBe('@');
		expect(sheet.getCell('D2').value).toBe(1.5);
		expect(sheet.getCell('D2').numFmt).toBe('0.0');
		expect(sheet.getCell('C2').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
		expect(sheet.getCell('A3').value).toBeNull();
		expect(sheet.getCell('B4').value).toBe('李四');
		// What the import reader makes of it: the same table.
		const read = await readSpreadsheet('x.xlsx', bytes);
		expect(read.ok && read.table).toEqual([['学号/工号', '姓名', '说明', '学时'], ['007', '张三', '第一行\n第二行', '1.5'], [], ['008', '李四']]);
	});

	it('a caption goes above the header, which then is row 2 and frozen with it', async () => {
		const sheet = (await open(await xlsx([{ name: '培训记录', caption: ['张三（007）培训档案', '计算机学院'], columns, rows: [{ username: '007' }] }]))).getWorksheet('培训记录')!;
		expect(sheet.getRow(1).values).toEqual([undefined, '张三（007）培训档案', '计算机学院']);
		expect(sheet.getRow(2).values).toEqual([undefined, '学号/工号', '姓名', '说明', '学时']);
		expect([sheet.getRow(1).font?.bold, sheet.getRow(2).font?.bold]).toEqual([true, true]);
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
		expect(sheet.getCell('A3').value).toBe('007');
	});

	it('several sheets keep their order', async () => {
		const book = await open(await xlsx([{ name: '成绩', columns, rows: [] }, { name: '按支部', columns: columns.slice(0, 1), rows: [] }]));
		expect(book.worksheets.map((s) => s.name)).toEqual(['成绩', '按支部']);
	});
});

describe('xlsxResponse', () => {
	it('names the download in Chinese with an ASCII fallback, and is never cached', () => {
		const res = xlsxResponse(new Uint8Array([1]), '推优名单-2026-12-03.xlsx');
		expect(res.headers.get('content-disposition')).toBe(`attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent('推优名单-2026-12-03.xlsx')}`);
		expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(res.headers.get('cache-control')).toBe('private, no-store');
	});
});
