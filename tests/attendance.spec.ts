import { devices, expect, test, type Page } from '@playwright/test';
import { hydrated, login, logout, screenshot } from './helpers';

// The demo seed's cohort 第45期入党积极分子培训班 has a session "happening now" (seedDemoSessions):
// check-in opened before the server started and stays open for about an hour.
const SESSION = '党的组织原则和纪律';

/** The code on the projector right now (it changes every few seconds). */
async function projectorCode(projector: Page) {
	const code = projector.getByRole('status', { name: '签到码' });
	await expect(code).toHaveText(/^\d{6}$/);
	return (await code.textContent())!.trim();
}

test('rotating-code check-in: projector, learner on a phone, a second account refused, leave marked', async ({ browser, page }, testInfo) => {
	// The instructor opens the projector page of the session.
	await login(page, 'instructor');
	await page.goto('/sessions');
	await page.getByRole('table', { name: '课程列表' }).getByRole('link', { name: SESSION }).click();
	await expect(page.getByRole('heading', { name: new RegExp(SESSION) })).toBeVisible();
	const sessionUrl = page.url();
	await page.getByRole('link', { name: '打开签到投影' }).click();
	await expect(page.getByRole('heading', { name: SESSION })).toBeVisible();
	await projectorCode(page);
	await screenshot(page, testInfo, 'attendance-projector');

	// An activist, signed in on a phone, types the code (read just before, so it is current).
	const phone = await browser.newContext({ ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const learner = await phone.newPage();
	await login(learner, 'activist');
	await learner.goto('/checkin');
	await learner.getByLabel('签到码').fill(await projectorCode(page));
	await learner.getByRole('button', { name: '提交' }).click();
	await expect(learner.getByRole('status')).toContainText(`签到成功：${SESSION}`);
	await screenshot(learner, testInfo, 'attendance-checked-in');

	// The projector's live count picks it up.
	await expect(page.getByRole('definition').filter({ hasText: /^\s*[1-9]\d* \/ \d+\s*$/ })).toBeVisible();

	// A second account on the same phone is refused (and flagged for the instructor).
	await logout(learner);
	await login(learner, 'activist2');
	await learner.goto('/checkin');
	await learner.getByLabel('签到码').fill(await projectorCode(page));
	await learner.getByRole('button', { name: '提交' }).click();
	await expect(learner.getByRole('alert')).toContainText('此设备已为其他账号签到');

	// The instructor marks activist2 on leave, with a reason.
	await page.goto(sessionUrl);
	const roster = page.getByRole('table', { name: '学员考勤名单' });
	await expect(roster.getByLabel('考勤状态（张晓明）')).toHaveValue('present');
	// By 学号: two people may share a name (the demo has another 李雨萱).
	const row = roster.getByRole('row').filter({ hasText: 'activist2' });
	await row.getByLabel('考勤状态（李雨萱）').selectOption({ label: '请假' });
	await row.getByLabel('原因（李雨萱）').fill('电话请假：发烧就医');
	await row.getByRole('button', { name: '保存' }).click();
	await expect(row).toContainText('已登记为请假');
	await expect(row.getByLabel('考勤状态（李雨萱）')).toHaveValue('leave');

	await page.goto(`${sessionUrl}/flags`);
	await expect(page.getByRole('table', { name: '异常记录' })).toContainText('同一设备签到多个账号');

	// The learner sees the record on their page.
	await learner.goto('/my/sessions');
	const card = learner.getByRole('article', { name: new RegExp(SESSION) });
	await expect(card).toContainText('我的考勤：请假');
	await screenshot(learner, testInfo, 'attendance-my-sessions');
	await phone.close();
});

test('a learner cannot open the projector or the session list', async ({ page }) => {
	await login(page, 'activist');
	const res = await page.goto('/sessions');
	expect(res?.status()).toBe(403);
	await page.goto('/my/sessions');
	await expect(page.getByRole('heading', { name: '我的课程安排与考勤' })).toBeVisible();
	const link = page.getByRole('article', { name: new RegExp(SESSION) }).getByRole('link', { name: SESSION });
	const href = await link.getAttribute('href');
	const id = href?.match(/\/my\/sessions\/(\d+)$/)?.[1];
	expect(id).toBeTruthy();
	const projector = await page.goto(`/sessions/${id}/projector`);
	expect(projector?.status()).toBe(403);
});

test('a session with its own network list accepts an outside check-in and flags it for the instructor', async ({ browser, page }) => {
	// The instructor schedules a session happening now, limited to a network the test browser is not on.
	await login(page, 'instructor');
	await page.goto('/sessions/new');
	await hydrated(page);
	const shanghai = (offsetMin: number) => new Date(Date.now() + 8 * 3600_000 + offsetMin * 60_000).toISOString().slice(0, 16);
	await page.getByLabel('培训班').selectOption({ label: '第45期入党积极分子培训班' });
	await page.getByLabel('课程名称').fill('校园网络签到演练');
	await page.getByLabel('开始时间（北京时间）').fill(shanghai(-5));
	await page.getByLabel('结束时间（北京时间）').fill(shanghai(115));
	await page.getByLabel('仅限以下网络').check();
	await page.getByLabel('本课程允许的网络范围（每行一个，例如 10.8.0.0/16）').fill('10.99.0.0/16');
	await page.getByLabel('不在上述网络或范围内时').selectOption('flag');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { name: /校园网络签到演练/ })).toBeVisible();
	await expect(page.getByRole('region', { name: '课程信息' })).toContainText('10.99.0.0/16');
	await expect(page.getByRole('region', { name: '课程信息' })).toContainText('接受签到，记入异常记录供核查');
	const sessionUrl = page.url();
	await page.getByRole('link', { name: '打开签到投影' }).click();

	// The learner, connecting from 127.0.0.1 (or ::1), is checked in …
	const phone = await browser.newContext({ ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const learner = await phone.newPage();
	await login(learner, 'activist');
	await learner.goto('/checkin');
	await hydrated(learner);
	await learner.getByLabel('签到码').fill(await projectorCode(page));
	await learner.getByRole('button', { name: '提交' }).click();
	await expect(learner.getByRole('status')).toContainText('签到成功：校园网络签到演练');
	await phone.close();

	// … and the instructor sees why the check-in is worth a look.
	await page.goto(`${sessionUrl}/flags`);
	const flags = page.getByRole('table', { name: '异常记录' });
	await expect(flags).toContainText('不在允许的网络范围内');
	await expect(flags).toContainText(/不在本课程允许的网络内（IP [0-9a-f:.]+）；已接受签到，仅记录/);
});

test('a session with a radius: a denied location is refused in plain Chinese, a position nearby checks in', async ({ browser, page }) => {
	await login(page, 'instructor');
	await page.goto('/sessions/new');
	await hydrated(page);
	const shanghai = (offsetMin: number) => new Date(Date.now() + 8 * 3600_000 + offsetMin * 60_000).toISOString().slice(0, 16);
	await page.getByLabel('培训班').selectOption({ label: '第45期入党积极分子培训班' });
	await page.getByLabel('课程名称').fill('定位签到演练');
	await page.getByLabel('开始时间（北京时间）').fill(shanghai(-5));
	await page.getByLabel('结束时间（北京时间）').fill(shanghai(115));
	await page.getByLabel('不限网络（如校外实践）').check();
	await page.getByLabel('纬度').fill('39.992800');
	await page.getByLabel('经度').fill('116.305500');
	await page.getByLabel('签到半径（米）').fill('200');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('region', { name: '课程信息' })).toContainText('上课地点 200 米以内');
	const sessionId = page.url().match(/\/sessions\/(\d+)$/)![1];
	await page.getByRole('link', { name: '打开签到投影' }).click();

	// Location refused: the page says why, and the server refuses the check-in.
	const denied = await browser.newContext({ ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const a = await denied.newPage();
	await login(a, 'activist');
	await a.goto(`/checkin/${sessionId}?c=${await projectorCode(page)}`);
	await expect(a.getByRole('alert').filter({ hasText: '本课程要求在上课地点签到' })).toContainText('您拒绝了定位授权');
	await expect(a.getByRole('alert').filter({ hasText: '无法获取您的位置' })).toBeVisible();
	await denied.close();

	// Allowed, about 50 m from the classroom: checked in.
	const near = await browser.newContext({
		...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
		permissions: ['geolocation'], geolocation: { latitude: 39.99325, longitude: 116.3055, accuracy: 20 }
	});
	const b = await near.newPage();
	await login(b, 'activist2');
	await b.goto(`/checkin/${sessionId}?c=${await projectorCode(page)}`);
	await expect(b.getByRole('status').filter({ hasText: '签到成功' })).toContainText('签到成功：定位签到演练');
	await near.close();

	await page.goto(`/sessions/${sessionId}/flags`);
	await expect(page.getByRole('table', { name: '异常记录' })).toContainText('未能获取位置：学员拒绝了定位授权；已拒绝签到');
});

test('a signed-out scan is kept across a slow sign-in: the login page says so, and the learner is checked in once after the code expired', async ({ browser, page }) => {
	// Codes every 5 s: one is accepted for 5 s + 20 s grace, so waiting 30 s outlives it.
	test.setTimeout(120_000);
	await login(page, 'instructor');
	await page.goto('/sessions/new');
	await hydrated(page);
	const shanghai = (offsetMin: number) => new Date(Date.now() + 8 * 3600_000 + offsetMin * 60_000).toISOString().slice(0, 16);
	await page.getByLabel('培训班').selectOption({ label: '第45期入党积极分子培训班' });
	await page.getByLabel('课程名称').fill('扫码后慢登录演练');
	await page.getByLabel('开始时间（北京时间）').fill(shanghai(-5));
	await page.getByLabel('结束时间（北京时间）').fill(shanghai(115));
	await page.getByLabel('不限网络（如校外实践）').check();
	await page.getByLabel('二维码刷新间隔（秒）').fill('5');
	await page.getByRole('button', { name: '保存' }).click();
	const sessionId = page.url().match(/\/sessions\/(\d+)$/)![1];
	await page.getByRole('link', { name: '打开签到投影' }).click();
	// The way in without the QR code is a full address, not a bare path.
	await expect(page.getByText(/无法扫码？在浏览器打开 https?:\/\/[^/\s]+\/checkin 输入签到码/)).toBeVisible();

	const phone = await browser.newContext({ ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const learner = await phone.newPage();
	const scanned = await projectorCode(page);
	await learner.goto(`/checkin/${sessionId}?c=${scanned}`);
	await expect(learner).toHaveURL(/\/login\?redirectTo=/);
	await expect(learner.getByRole('status').filter({ hasText: '登录后将自动完成' })).toHaveText('登录后将自动完成《扫码后慢登录演练》签到');

	// The learner takes their time; meanwhile the scanned code has expired for everyone.
	await learner.waitForTimeout(30_000);
	const other = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const late = await other.newPage();
	await login(late, 'activist2');
	await late.goto(`/checkin/${sessionId}?c=${scanned}`);
	await expect(late.getByRole('alert').filter({ hasText: '签到码已过期' })).toBeVisible();
	await other.close();

	await hydrated(learner);
	await learner.getByLabel('学号/工号').fill('activist');
	await learner.getByLabel('密码', { exact: true }).fill('dangxiao-demo');
	await learner.getByRole('button', { name: '登录' }).click();
	await expect(learner.getByRole('status').filter({ hasText: '签到成功' })).toContainText('签到成功：扫码后慢登录演练');
	// Opening the same link again checks in nobody twice.
	await learner.reload();
	await expect(learner.getByRole('status').filter({ hasText: '您已于' })).toBeVisible();
	await phone.close();
});
