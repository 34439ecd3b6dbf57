import { expect, test, type Page } from '@playwright/test';
import { login, screenshot } from './helpers';

// The demo cohort 第45期入党积极分子培训班 (course ACT) has a final exam 结业考试 seeded by
// seedDemoExam (src/lib/server/quiz/demo.ts): 45 questions, 60 minutes, one attempt, score
// shown on submit, answers after close. Both projects share the server, so each uses its own
// learner and the two branch secretaries swap roles.
const cast = {
	desktop: { learner: 'activist', secretary: 'secretary', otherSecretary: 'secretary2' },
	phone: { learner: 'activist2', secretary: 'secretary2', otherSecretary: 'secretary' }
} as const;

const questionGroups = (page: Page) => page.getByRole('group', { name: /^(单选|多选|判断|填空) · / });
const saveStatus = (page: Page) => page.getByRole('status').filter({ hasText: /保存/ });

/** The countdown only moves once the page's script runs: before that, clicks save nothing. */
async function hydrated(page: Page) {
	const timer = page.getByRole('timer');
	const first = await timer.textContent();
	await expect(timer).not.toHaveText(first ?? '');
}

/** Answers question k: the first option, the first two, or a text. */
async function answer(page: Page, k: number) {
	const q = questionGroups(page).nth(k);
	if ((await q.getByRole('textbox').count()) > 0) {
		await q.getByRole('textbox').fill(' 民主集中制 ');
		await q.getByRole('textbox').blur();
	} else if ((await q.getByRole('checkbox').count()) > 0) {
		await q.getByRole('checkbox').nth(0).check();
		await q.getByRole('checkbox').nth(1).check();
	} else {
		await q.getByRole('radio').nth(0).check();
	}
}

/** What was answered, read back from the page. */
async function given(page: Page, k: number) {
	const q = questionGroups(page).nth(k);
	if ((await q.getByRole('textbox').count()) > 0) return q.getByRole('textbox').inputValue();
	const boxes = (await q.getByRole('checkbox').count()) > 0 ? q.getByRole('checkbox') : q.getByRole('radio');
	const n = await boxes.count();
	const checked: number[] = [];
	for (let i = 0; i < n; i++) if (await boxes.nth(i).isChecked()) checked.push(i);
	return checked.join(',');
}

test('a learner takes the final exam: answers are saved, survive a reload, the key never leaks, and a second tab cannot submit again', async ({ page, browser }, testInfo) => {
	const who = cast[testInfo.project.name as keyof typeof cast] ?? cast.desktop;
	await login(page, who.learner);
	await page.goto('/exams');
	await page.getByRole('listitem').filter({ hasText: '第45期入党积极分子培训班' }).getByRole('link', { name: '结业考试' }).click();
	await expect(page.getByRole('heading', { name: '结业考试' })).toBeVisible();
	// The one attempt is not spent on one tap: the page says what starting means and asks first.
	await page.getByRole('button', { name: '开始考试' }).click();
	const confirmStart = page.getByRole('dialog', { name: '确认开始考试' }).or(page.getByRole('region', { name: '确认开始考试' }));
	await expect(confirmStart).toContainText('开始后还剩 0 次');
	await confirmStart.getByRole('button', { name: '确认开始' }).click();
	await expect(page).toHaveURL(/\/exams\/\d+\/attempts\/\d+$/);
	const [, examId, attemptId] = page.url().match(/\/exams\/(\d+)\/attempts\/(\d+)$/)!;
	await expect(questionGroups(page)).toHaveCount(45);
	await expect(page.getByRole('timer')).toHaveText(/^(59:\d\d|1:00:00)$/);
	await hydrated(page);

	// Neither the page data nor the JSON carries a key or an explanation while the attempt runs.
	for (const url of [`/api/exams/attempts/${attemptId}`, `${new URL(page.url()).pathname}/__data.json`]) {
		const body = await (await page.request.get(url)).text();
		expect(body).toContain('stem');
		expect(body).not.toMatch(/"answer"|explanation|"key"|解析/);
	}

	for (let k = 0; k < 4; k++) await answer(page, k);
	await expect(saveStatus(page)).toHaveText('全部答案已保存');
	const before = [];
	for (let k = 0; k < 4; k++) before.push(await given(page, k));
	await screenshot(page, testInfo, 'exam-taking');

	await page.reload();
	await expect(questionGroups(page)).toHaveCount(45);
	await hydrated(page);
	for (let k = 0; k < 4; k++) expect(await given(page, k)).toBe(before[k]);
	await expect(page.getByText('已答 4/45')).toBeVisible();
	// A paste is logged for the instructor (not blocked); the batch goes out with the submit.
	await page.evaluate(() => document.dispatchEvent(new Event('paste')));

	// A second tab on the same attempt, opened before the first one submits.
	const second = await page.context().newPage();
	await second.goto(page.url());
	await expect(questionGroups(second)).toHaveCount(45);
	await hydrated(second);

	await page.getByRole('button', { name: '交卷', exact: true }).first().click();
	await expect(page.getByRole('heading', { name: '确认交卷' })).toBeVisible();
	await expect(page.getByText('还有 41 题未答')).toBeVisible();
	await page.getByRole('button', { name: '确认交卷' }).click();
	const result = page.getByRole('status').filter({ hasText: '成绩：' });
	await expect(result).toContainText(/成绩：\d+(\.\d)? 分/);
	await expect(result).toContainText(/及格/);
	await expect(page.getByText('答案与解析将在')).toBeVisible();
	await screenshot(page, testInfo, 'exam-result');

	await second.getByRole('button', { name: '交卷', exact: true }).first().click();
	await second.getByRole('button', { name: '确认交卷' }).click();
	await expect(second.getByRole('alert')).toContainText('本次作答已经交卷，不能重复提交');
	expect((await page.request.post(`/api/exams/attempts/${attemptId}/submit`)).status()).toBe(409);
	expect((await page.request.put(`/api/exams/attempts/${attemptId}/answers/1`, { data: { response: 0, seq: 999 } })).status()).toBeGreaterThanOrEqual(400);
	await second.close();

	// The exam page now shows the one attempt used and the score.
	await page.goto(`/exams/${examId}`);
	await expect(page.getByRole('status').filter({ hasText: '本次考试成绩' })).toBeVisible();
	await expect(page.getByText('作答次数已用完')).toBeVisible();

	// The learner's own branch secretary sees the score and the logged paste...
	const own = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
	const ownPage = await own.newPage();
	await login(ownPage, who.secretary);
	await ownPage.goto(`/exam-admin/${examId}/results`);
	const table = ownPage.getByRole('table', { name: '成绩列表' });
	const row = table.getByRole('row').filter({ has: ownPage.getByRole('link', { name: who.learner, exact: true }) });
	await expect(row).toContainText(/\d+(\.\d)?/);
	await expect(row).toContainText(/及格/);
	const detail = (await row.getByRole('link', { name: who.learner, exact: true }).getAttribute('href'))!;
	await ownPage.goto(detail);
	await expect(ownPage.getByRole('heading', { name: /第 1 次作答/ })).toBeVisible();
	await expect(ownPage.getByText('粘贴')).toBeVisible();
	await own.close();

	// ...another branch's secretary does not: not in the list, 403 on the learner's page.
	const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
	const otherPage = await other.newPage();
	await login(otherPage, who.otherSecretary);
	await otherPage.goto(`/exam-admin/${examId}/results`);
	await expect(otherPage.getByRole('table', { name: '成绩列表' })).toBeVisible();
	await expect(otherPage.getByRole('table', { name: '成绩列表' }).getByRole('link', { name: who.learner, exact: true })).toHaveCount(0);
	const refused = await otherPage.request.get(detail);
	expect(refused.status()).toBe(403);
	expect(await refused.text()).not.toContain(who.learner === 'activist' ? '张晓明' : 'activist2');
	const exported = await otherPage.request.get(`/exam-admin/${examId}/results/export`);
	expect(exported.status()).toBe(200);
	await other.close();
});

test('an instructor sees results per branch and the item analysis of the demo exam', async ({ page }) => {
	await login(page, 'instructor');
	await page.goto('/exam-admin');
	await page.getByRole('table', { name: '考试列表' }).getByRole('link', { name: '结业考试' }).first().click();
	await expect(page.getByRole('heading', { name: '结业考试' })).toBeVisible();
	await page.getByRole('navigation', { name: '考试管理' }).getByRole('link', { name: '成绩' }).click();
	await expect(page.getByRole('table', { name: '各支部成绩' })).toContainText('计算机学院本科生第一党支部');
	await page.getByRole('navigation', { name: '考试管理' }).getByRole('link', { name: '试题分析' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '结业考试' })).toBeVisible();
});
