import { expect, test, type Page } from '@playwright/test';
import { login, screenshot } from './helpers';

// One cohort per project (desktop and phone share the server), built by the first test
// and used by the rest. Needs the content/ course ACT synced on start (8 lessons, 16 学时).
test.describe.configure({ mode: 'serial' });

let cohortPath = '';
let cohortName = '';
let activist2Id = 0;

async function enrollByPick(page: Page, who: string, label: string) {
	await page.getByLabel('按学号/工号或姓名查找').fill(who);
	await page.getByRole('button', { name: '查找' }).click();
	await page.getByRole('checkbox', { name: label }).check();
	await page.getByRole('button', { name: '报名所选人员' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已报名 1 人' })).toBeVisible();
}

test('an admin creates a cohort from course ACT and enrols activist and activist2', async ({ page }, testInfo) => {
	// Unique per run too, so that the spec can run again against the same database.
	const name = `第45期入党积极分子培训班（${testInfo.project.name}-${Date.now().toString(36)}）`;
	cohortName = name;
	await login(page, 'admin');
	await page.goto('/cohorts');
	await page.getByRole('link', { name: '新建培训班' }).click();
	await expect(page.getByRole('heading', { name: '新建培训班' })).toBeVisible();

	const course = page.getByLabel('课程', { exact: true });
	const act = await course.locator('option', { hasText: 'ACT ·' }).getAttribute('value');
	await course.selectOption(act!);
	await page.getByLabel('培训班名称').fill(name);
	await page.getByLabel('举办单位（学员范围）').selectOption({ label: '示范大学党委' });
	await page.getByLabel('开始日期').fill('2026-03-01');
	await page.getByLabel('结束日期').fill('2099-06-30');
	await page.getByRole('checkbox', { name: '党校授课教师（instructor）' }).check();
	await page.getByRole('button', { name: '创建培训班' }).click();

	await expect(page).toHaveURL(/\/cohorts\/\d+\?created=1$/);
	await expect(page.getByRole('heading', { name })).toBeVisible();
	await expect(page.getByText('16 学时')).toBeVisible();
	cohortPath = new URL(page.url()).pathname;

	await enrollByPick(page, 'activist', '张晓明（activist）');
	await enrollByPick(page, 'activist2', '李雨萱（activist2）');
	const learners = page.getByRole('table', { name: '学员列表' });
	await expect(learners.getByRole('link', { name: '张晓明' })).toBeVisible();
	const href = await learners.getByRole('link', { name: '李雨萱' }).getAttribute('href');
	activist2Id = Number(href?.match(/\/learners\/(\d+)$/)?.[1]);
	expect(activist2Id).toBeGreaterThan(0);
	await screenshot(page, testInfo, 'cohort-admin');
});

test('activist sees the cohort under 我的培训班 with progress and the next lesson', async ({ page }, testInfo) => {
	await login(page, 'activist');
	await page.goto('/my/cohorts');
	await expect(page.getByRole('heading', { name: '我的培训班' })).toBeVisible();
	const card = page.getByRole('listitem').filter({ hasText: cohortName });
	await expect(card).toContainText('入党积极分子培训');
	await expect(card).toContainText(/必修课时：已完成 \d \/ 8/);
	await expect(card.getByRole('progressbar')).toBeVisible();
	await expect(card).toContainText(/还剩 \d+ 天/);
	await expect(card.getByRole('link', { name: /^继续学习：/ })).toHaveAttribute('href', /^\/courses\/ACT\/[\w-]+$/);
	await screenshot(page, testInfo, 'my-cohorts');
});

test('secretary2 opening the cohort sees only the learners of their branch', async ({ page }) => {
	await login(page, 'secretary2');
	await page.goto(cohortPath);
	const learners = page.getByRole('table', { name: '学员列表' });
	await expect(learners.getByRole('link', { name: '李雨萱' })).toBeVisible();
	await expect(learners).not.toContainText('张晓明');
	await expect(page.getByRole('button', { name: '编辑培训班' })).toHaveCount(0);
});

test("a secretary cannot open the progress of another branch's learner", async ({ page }) => {
	await login(page, 'secretary');
	const response = await page.goto(`${cohortPath}/learners/${activist2Id}`);
	expect(response?.status()).toBe(403);
	const text = await page.locator('body').innerText();
	for (const secret of ['李雨萱', 'activist2']) expect(text).not.toContain(secret);

	// Their own branch's learner opens.
	await page.goto(cohortPath);
	await page.getByRole('table', { name: '学员列表' }).getByRole('link', { name: '张晓明' }).click();
	await expect(page.getByRole('heading', { name: '张晓明（activist）的学习进度' })).toBeVisible();
});
