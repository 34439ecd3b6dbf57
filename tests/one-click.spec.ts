import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { hydrated, login } from './helpers';

// One click, one effect: a double click on a submit button, or the same rendered form posted
// twice, records one entry. The demo activist of the secretary's branch gets a 思想汇报 with a
// note no other test writes.

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const noteFor = (info: TestInfo, what: string) => `${what}-${info.project.name}-${Date.now()}`;

async function openActivist(page: Page) {
	await login(page, 'secretary');
	await page.goto('/development/people?q=activist');
	await page.getByRole('table', { name: '发展党员名单' }).getByRole('link', { name: '张晓明' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /发展党员纪实/ })).toBeVisible();
	await hydrated(page);
}

async function fillThoughtReport(page: Page, note: string) {
	await page.getByLabel('登记事项').selectOption({ label: '思想汇报' });
	await page.getByLabel('日期', { exact: true }).fill(today());
	await page.getByLabel('备注').fill(note);
}

const rowsWith = (page: Page, note: string) => page.getByRole('table', { name: '纪实档案' }).getByRole('row').filter({ hasText: note });

test('double-clicking 登记 records the entry once', async ({ page }, info) => {
	await openActivist(page);
	const note = noteFor(info, '双击');
	await fillThoughtReport(page, note);
	const button = page.getByRole('button', { name: '登记', exact: true });
	await button.dblclick();
	await expect(page.getByRole('status')).toContainText('已登记「思想汇报」');
	await expect(rowsWith(page, note)).toHaveCount(1);
	await page.reload();
	await expect(rowsWith(page, note)).toHaveCount(1);
});

test('the same rendered form posted twice at once records one entry; the form then records a new one', async ({ page }, info) => {
	await openActivist(page);
	const note = noteFor(info, '重放');
	await fillThoughtReport(page, note);
	// What a retrying browser or a second tab sends: the very same form, key included, twice.
	const answers = await page.evaluate(async () => {
		const form = document.querySelector<HTMLFormElement>('form[action="?/entry"]')!;
		const post = () => fetch(form.action, { method: 'POST', body: new FormData(form), headers: { 'x-sveltekit-action': 'true' } }).then((r) => r.json());
		return Promise.all([post(), post()]);
	});
	expect(answers.map((a) => a.type)).toEqual(['success', 'success']);
	await page.reload();
	await expect(rowsWith(page, note)).toHaveCount(1);

	// A new form (new key) with other content is a new entry.
	await hydrated(page);
	await fillThoughtReport(page, `${note}-2`);
	await page.getByRole('button', { name: '登记', exact: true }).click();
	await expect(page.getByRole('status')).toContainText('已登记「思想汇报」');
	await expect(rowsWith(page, `${note}-2`)).toHaveCount(1);
});

test('新建课程 posted twice from one rendered form creates one course and sends both posts to it', async ({ page }, info) => {
	await login(page, 'instructor');
	await page.goto('/teach/courses/new');
	await hydrated(page);
	const code = `OC-${info.project.name.toUpperCase().slice(0, 7)}-${String(Date.now()).slice(-6)}`;
	await page.getByLabel('课程代码').fill(code);
	await page.getByLabel('课程名称').fill(`重复提交 ${code}`);
	await page.getByLabel('课程类别').selectOption({ label: '入党积极分子培训' });
	const answers = await page.evaluate(async () => {
		const form = document.querySelector<HTMLInputElement>('input[name="code"]')!.form!;
		const post = () => fetch(location.href, { method: 'POST', body: new FormData(form), headers: { 'x-sveltekit-action': 'true' } }).then((r) => r.json());
		return Promise.all([post(), post()]);
	});
	// Before the form's key, the second post was told 「课程代码 … 已被使用」.
	expect(answers.map((a) => a.type)).toEqual(['redirect', 'redirect']);
	expect(answers[1].location).toBe(answers[0].location);
	await page.goto(`/teach?q=${code}`);
	await expect(page.getByRole('cell', { name: code, exact: true })).toHaveCount(1);
});
