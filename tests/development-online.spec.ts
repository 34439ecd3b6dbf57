import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { hydrated, login, logout } from './helpers';

// Development online: an activist hands in this quarter's 思想汇报, their 培养联系人 (in the demo the
// branch secretary, see demo.ts) writes the half-yearly evaluation from the due item on the home
// page, and the branch accepts both from 待受理 into the 纪实档案. Each Playwright project uses its
// own activist and branch, so the two never meet.

const people = [
	{ activist: 'activist', name: '张晓明', branch: 'secretary' },
	{ activist: 'activist2', name: '李雨萱', branch: 'secretary2' }
];
const mine = (info: TestInfo) => people[info.project.name === 'phone' ? 1 : 0];
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const quarter = () => `${today().slice(0, 4)}年第${Math.ceil(Number(today().slice(5, 7)) / 3)}季度`;

async function fitsThePhone(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
}

test('an activist hands in a thought report, the mentor an evaluation, and the branch accepts both', async ({ page }, info) => {
	const p = mine(info);

	await login(page, p.activist);
	await page.goto('/my/development');
	await hydrated(page);
	const form = page.locator('form#submit');
	await expect(form.getByRole('heading', { name: '提交思想汇报' })).toBeVisible();
	// Nothing written: a clear message, nothing handed in.
	await form.getByRole('button', { name: '提交' }).click();
	await expect(form.getByRole('alert')).toHaveText('请填写思想汇报的内容，或上传扫描件');
	await form.getByLabel('内容').fill('本季度我认真学习了党章和党的创新理论，对照党员标准查找差距，今后将继续努力。');
	await form.getByRole('button', { name: '提交' }).click();
	await expect(form.getByRole('status')).toHaveText(`已提交${quarter()}思想汇报，等待党支部受理`);
	await expect(page.getByRole('list', { name: '我提交的材料' })).toContainText('待受理');
	await fitsThePhone(page);
	await logout(page);

	await login(page, p.branch);
	await page.goto('/');
	const due = page.getByRole('link', { name: `待填写半年考察：${p.name}` });
	await expect(due).toBeVisible();
	await due.click();
	await expect(page.getByRole('heading', { level: 1, name: `${p.name} · 纪实档案` })).toBeVisible();
	await hydrated(page);
	const mentorForm = page.locator('form#submit');
	await mentorForm.getByLabel('材料').selectOption({ label: '半年考察' });
	await mentorForm.getByLabel('内容').fill('该同志半年来思想稳定，学习认真，积极参加支部活动，表现良好。');
	await mentorForm.getByRole('button', { name: '提交' }).click();
	await expect(mentorForm.getByRole('status')).toContainText('半年考察，等待党支部受理');
	await fitsThePhone(page);

	await page.goto('/development/submissions');
	await hydrated(page);
	for (const what of ['思想汇报', '半年考察']) {
		const item = page.getByRole('listitem', { name: `${p.name} · ${what}` });
		await item.getByRole('button', { name: '受理' }).click();
		await expect(page.getByRole('status')).toHaveText(`已受理${p.name}的${what}，记入纪实档案（${today()}）`);
		await expect(page.getByRole('listitem', { name: `${p.name} · ${what}` })).toHaveCount(0);
	}
	await fitsThePhone(page);
	await logout(page);

	await login(page, p.activist);
	await page.goto('/my/development');
	await expect(page.getByRole('list', { name: '我提交的材料' })).toContainText('已受理');
	// The accepted report is now a dated step of the record the checks read.
	await expect(page.getByText(`网上提交（材料第`).first()).toBeVisible();
});
