import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { hydrated, login, screenshot, searchPeople } from './helpers';

const header = ['学号/工号', '姓名', '性别', '出生日期', '所属组织', '年级', '班级', '政治面貌', '手机', '毕业时间'];

function rows(prefix: string, bad: { row: number; column: string; value: string } | null) {
	const data = [1, 2, 3].map((n) => [`${prefix}${n}`, `导入测试${n}`, n % 2 ? '男' : '女', '2006-03-0' + n, 'CS-PG', '2025', '计科251班', '共青团员', `1390000000${n}`, '2029-06-30']);
	// Spreadsheet row numbers: the header is row 1, so data row i is row i + 2.
	if (bad) data[bad.row - 2][header.indexOf(bad.column)] = bad.value;
	return [header, ...data];
}

async function xlsx(table: string[][]) {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('名册');
	for (const r of table) sheet.addRow(r);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csv(table: string[][]) {
	return Buffer.from('\uFEFF' + table.map((r) => r.join(',')).join('\r\n'), 'utf8');
}

async function upload(page: Page, name: string, buffer: Buffer) {
	await page.goto('/admin/people/import');
	await hydrated(page);
	const mimeType = name.endsWith('.csv') ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
	await page.getByLabel('名册文件').setInputFiles({ name, mimeType, buffer });
	await page.getByRole('button', { name: '校验并导入' }).click();
}

async function expectNobodyMatches(page: Page, prefix: string) {
	await searchPeople(page, prefix);
	const table = page.getByRole('table', { name: '人员列表' });
	await expect(table.getByRole('cell', { name: /没有符合条件的人员/ })).toBeVisible();
	await expect(table).not.toContainText(prefix);
}

const cases = [
	{ format: 'xlsx', bad: { row: 4, column: '出生日期', value: '2006-02-30' }, reason: '出生日期：日期不存在：2006-02-30' },
	{ format: 'csv', bad: { row: 3, column: '所属组织', value: 'NO-SUCH-UNIT' }, reason: '所属组织“NO-SUCH-UNIT”不存在' }
] as const;

for (const c of cases) {
	test(`a ${c.format} roster with one bad row writes nothing and names the row`, async ({ page }, testInfo) => {
		const prefix = `e2e${c.format}${testInfo.project.name}`;
		const make = (table: string[][]) => (c.format === 'csv' ? csv(table) : xlsx(table));
		await login(page, 'admin');

		await upload(page, `名册.${c.format}`, await make(rows(prefix, c.bad)));
		await expect(page.getByRole('alert')).toContainText('共 3 行，其中 1 行有误，未导入任何数据');
		const errors = page.getByRole('table', { name: '有误的行' });
		const errorRows = errors.getByRole('row').filter({ has: page.getByRole('cell') });
		await expect(errorRows).toHaveCount(1);
		await expect(errorRows).toContainText(`第 ${c.bad.row} 行`);
		await expect(errorRows).toContainText(`${prefix}${c.bad.row - 1}`);
		await expect(errorRows).toContainText(c.reason);
		if (c.format === 'xlsx') await screenshot(page, testInfo, 'import-errors');

		await expectNobodyMatches(page, prefix);

		// The same file with the row corrected goes in whole: the search above would have found it.
		await upload(page, `名册.${c.format}`, await make(rows(prefix, null)));
		await expect(page.getByRole('status').filter({ hasText: '导入完成' })).toContainText('新增 3 人');
		await searchPeople(page, prefix);
		await expect(page.getByRole('table', { name: '人员列表' }).getByRole('link', { name: new RegExp(`^${prefix}`) })).toHaveCount(3);
	});
}
