import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { hydrated, login, screenshot } from './helpers';

// Exams nobody wastes: the demo instructor sets two small exams in the demo cohort
// 第45期入党积极分子培训班 (closing before its final exam, so that one stays the final exam).
// Each project uses its own learner, who has studied 1–2 of the course's lessons.
const cast = {
	desktop: { learner: 'activist', name: '张晓明' },
	phone: { learner: 'activist2', name: '李雨萱' }
} as const;
const who = (testInfo: TestInfo) => cast[testInfo.project.name as keyof typeof cast] ?? cast.desktop;

/** 'YYYY-MM-DDTHH:mm' in Beijing time, what the datetime-local fields take. */
function beijing(offsetHours: number) {
	return new Date(Date.now() + (offsetHours + 8) * 3600_000).toISOString().slice(0, 16);
}

/** The instructor creates an exam in the demo cohort through the admin form; returns its id. */
async function createExam(browser: Browser, testInfo: TestInfo, title: string, set: (page: Page) => Promise<void>) {
	const ctx = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
	const page = await ctx.newPage();
	await login(page, 'instructor');
	await page.goto('/exam-admin/new');
	await hydrated(page);
	const cohort = page.getByLabel('培训班').locator('option', { hasText: '第45期入党积极分子培训班' });
	await page.getByLabel('培训班').selectOption((await cohort.first().getAttribute('value'))!);
	await expect(page.getByLabel('考试名称')).toBeVisible();
	await hydrated(page);
	await page.getByLabel('考试名称').fill(title);
	await page.getByLabel('开始时间（北京时间）').fill(beijing(-1));
	await page.getByLabel('结束时间（北京时间）').fill(beijing(24 * 20));
	await set(page);
	await page.getByRole('button', { name: '创建考试' }).click();
	await expect(page).toHaveURL(/\/exam-admin\/\d+\?created=1$/);
	const id = Number(page.url().match(/\/exam-admin\/(\d+)/)![1]);
	return { id, page, close: () => ctx.close() };
}

test('an exam that requires the lessons refuses a learner who has not studied them, at the server too, and spends no attempt', async ({ page, browser }, testInfo) => {
	const learner = who(testInfo);
	const title = `开考要求测验（${testInfo.project.name}）`;
	const staff = await createExam(browser, testInfo, title, async (form) => {
		await form.getByLabel('须完成课程的全部必修课').check();
		// A 学时 that is not a number is refused with a message, and nothing is created.
		await form.getByLabel('须达到的学时（空为不要求）').fill('很多');
		await form.getByRole('button', { name: '创建考试' }).click();
		await expect(form.getByText('开考所需学时须为 0.5—1000 之间的数字')).toBeVisible();
		await form.getByLabel('须达到的学时（空为不要求）').fill('4');
	});
	await staff.close();

	await login(page, learner.learner);
	await page.goto(`/exams/${staff.id}`);
	const requirements = page.getByRole('region', { name: '开考要求' });
	await expect(requirements).toContainText(/完成全部必修课：已完成 \d+\/\d+ 节（未达到）/);
	await expect(requirements).toContainText(/学时达到 4：目前 [\d.]+ 学时/);
	await expect(page.getByRole('status').filter({ hasText: '尚未达到开考要求' })).toBeVisible();
	await expect(page.getByRole('button', { name: '开始考试' })).toHaveCount(0);

	// Posting the start anyway (an old tab, a crafted request) is refused by the server in words.
	const origin = testInfo.project.use.baseURL!;
	const forced = await page.request.post(`/exams/${staff.id}?/start`, { form: { confirmed: '1' }, headers: { origin, accept: 'text/html' } });
	expect(forced.status()).toBe(409);
	expect(await forced.text()).toContain('尚未达到开考要求：须先完成全部必修课');
	const api = await page.request.post(`/api/exams/${staff.id}/start`, { headers: { origin } });
	expect(api.status()).toBe(409);
	await page.reload();
	await expect(page.getByRole('table', { name: '我的作答记录' })).toContainText('还没有作答记录');
});

test('starting asks first, 交卷 opens a dialog in view listing the unanswered questions, and with no attempts left the page says whom to ask and shows the 补考', async ({ page, browser }, testInfo) => {
	const learner = who(testInfo);
	const title = `补考演练（${testInfo.project.name}）`;
	const staff = await createExam(browser, testInfo, title, async (form) => {
		await form.getByLabel('须完成课程的全部必修课').uncheck();
		// Questions in the rules' order: the first one is a single choice.
		await form.getByLabel('打乱题目顺序').uncheck();
		await form.getByLabel('答案与解析何时公布').selectOption('after_close');
	});

	await login(page, learner.learner);
	await page.goto(`/exams/${staff.id}`);
	await hydrated(page);
	await expect(page.getByText('剩余作答次数 1 次（共 1 次）')).toBeVisible();
	await page.getByRole('button', { name: '开始考试' }).click();
	const start = page.getByRole('dialog', { name: '确认开始考试' });
	await expect(start).toBeVisible();
	await expect(start).toContainText('这是第 1 次作答，开始后还剩 0 次');
	await start.getByRole('button', { name: '取消' }).click();
	await expect(start).toBeHidden();
	await page.getByRole('button', { name: '开始考试' }).click();
	await start.getByRole('button', { name: '确认开始' }).click();
	await expect(page).toHaveURL(/\/exams\/\d+\/attempts\/\d+$/);
	const attemptId = page.url().match(/attempts\/(\d+)$/)![1];
	await hydrated(page);

	// Answer the first question, then go to the last one and use the sticky bar's 交卷.
	const groups = page.getByRole('group', { name: /^(单选|多选|判断|填空) · / });
	await groups.first().getByRole('radio').first().check();
	await expect(page.getByRole('status').filter({ hasText: /保存/ })).toHaveText('全部答案已保存');
	const total = await groups.count();
	await groups.last().scrollIntoViewIfNeeded();
	const barSubmit = page.locator('[aria-label="作答状态"]').getByRole('button', { name: '交卷' });
	await expect(barSubmit).toBeInViewport();
	const barBox = (await barSubmit.boundingBox())!;
	expect(barBox.height, 'the sticky 交卷 button is a tap target').toBeGreaterThanOrEqual(44);
	await barSubmit.click();
	const dialog = page.getByRole('dialog', { name: '确认交卷' });
	await expect(dialog).toBeInViewport({ ratio: 1 });
	await expect(dialog).toContainText(`还有 ${total - 1} 题未答`);
	const unanswered = dialog.getByRole('list', { name: '未答题号' }).getByRole('listitem');
	await expect(unanswered).toHaveCount(total - 1);
	await expect(unanswered.first()).toHaveText('2');
	await expect(unanswered.last()).toHaveText(String(total));
	for (const name of ['确认交卷', '继续作答']) {
		const box = (await dialog.getByRole('button', { name }).boundingBox())!;
		expect(box.height, name).toBeGreaterThanOrEqual(44);
	}
	await screenshot(page, testInfo, 'exam-confirm', { fullPage: false });
	await dialog.getByRole('button', { name: '确认交卷' }).click();
	await expect(page.getByRole('status').filter({ hasText: '成绩：' })).toBeVisible();

	// The answers are not released yet: the wrong-answer review is refused by the server.
	const review = await page.request.get(`/exams/${staff.id}/attempts/${attemptId}/review`);
	expect(review.status()).toBe(403);
	const reviewText = await review.text();
	expect(reviewText).toContain('答案与解析尚未公布');
	expect(reviewText).not.toContain('正确答案');

	await page.goto(`/exams/${staff.id}`);
	const none = page.getByRole('status').filter({ hasText: '作答次数已用完' });
	await expect(none).toContainText('如需补考，请联系');
	await expect(none).toContainText('党校授课教师');
	await expect(page.getByRole('button', { name: /开始考试|再次作答/ })).toHaveCount(0);

	// The instructor schedules a make-up for tomorrow: the learner's page shows it.
	await staff.page.goto(`/exam-admin/${staff.id}/overrides`);
	await hydrated(staff.page);
	const learnerSelect = staff.page.getByLabel('学员', { exact: true });
	const learnerOption = learnerSelect.locator('option', { hasText: `（${learner.learner}）` });
	await learnerSelect.selectOption((await learnerOption.getAttribute('value'))!);
	await staff.page.getByLabel('增加作答次数（原为 1 次）').fill('1');
	await staff.page.getByLabel('补考开始时间（北京时间，可留空）').fill(beijing(24));
	await staff.page.getByLabel('补考结束时间（北京时间，可留空）').fill(beijing(48));
	await staff.page.getByRole('button', { name: '保存补考安排' }).click();
	await expect(staff.page.getByRole('status').filter({ hasText: '补考安排已保存' })).toBeVisible();
	await staff.close();

	await page.reload();
	const makeUp = page.getByRole('region', { name: '补考安排' });
	await expect(makeUp).toContainText('补考时间：');
	await expect(makeUp).toContainText('增加作答 1 次');
	await expect(makeUp).toContainText('补考开始后可在本页开始作答');
});

test('once an exam releases its answers, the learner reviews only the questions they got wrong', async ({ page, browser }, testInfo) => {
	const learner = who(testInfo);
	const title = `错题回顾测验（${testInfo.project.name}）`;
	const staff = await createExam(browser, testInfo, title, async (form) => {
		await form.getByLabel('须完成课程的全部必修课').uncheck();
		await form.getByLabel('打乱题目顺序').uncheck();
		await form.getByLabel('答案与解析何时公布').selectOption('after_submit');
	});
	await staff.close();

	await login(page, learner.learner);
	await page.goto(`/exams/${staff.id}`);
	await hydrated(page);
	await page.getByRole('button', { name: '开始考试' }).click();
	await page.getByRole('dialog', { name: '确认开始考试' }).getByRole('button', { name: '确认开始' }).click();
	await expect(page).toHaveURL(/\/exams\/\d+\/attempts\/\d+$/);
	await hydrated(page);
	const total = await page.getByRole('group', { name: /^(单选|多选|判断|填空) · / }).count();
	await page.locator('[aria-label="作答状态"]').getByRole('button', { name: '交卷' }).click();
	await page.getByRole('dialog', { name: '确认交卷' }).getByRole('button', { name: '确认交卷' }).click();
	await page.getByRole('link', { name: '只看错题' }).click();
	await expect(page.getByRole('heading', { name: /^错题回顾/ })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: '答错或未答' })).toHaveText(`共 ${total} 题，答错或未答 ${total} 题。`);
	await expect(page.getByText('您的答案：未作答').first()).toBeVisible();
	await expect(page.getByText(/^正确答案：/).first()).toBeVisible();
});
