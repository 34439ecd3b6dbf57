import { expect, test, type Page } from '@playwright/test';
import { login } from './helpers';

// The heartbeat endpoint checks the session inside its one statement (hooks.server.ts skips its
// own lookup there), so its answers to the signed-in, the signed-out and the not-enrolled are
// tested here over HTTP, as the lesson page's tracker meets them.

const ENDPOINT = '/api/study/heartbeat';

/** Open the first ACT lesson and return its id, read from the tracker's first beat. */
async function openLesson(page: Page) {
	const first = page.waitForRequest((r) => r.url().endsWith(ENDPOINT) && r.method() === 'POST');
	await page.goto('/courses/ACT');
	await page.getByRole('link', { name: /党的性质/ }).first().click();
	const beat = await first;
	return { lessonId: (beat.postDataJSON() as { lessonId: number }).lessonId, response: await beat.response() };
}

const beat = (lessonId: number, tab: string, seq: number) => ({ lessonId, tab, seq, reachedEnd: false, video: [] });

test('an enrolled activist’s beats are credited; a resent beat is a duplicate; a bad one is refused in Chinese', async ({ page }, testInfo) => {
	// One demo activist per project: the phone and desktop runs go at once, and beats from two
	// places on one person's clock would not be duplicates of each other.
	await login(page, testInfo.project.name === 'phone' ? 'activist2' : 'activist');
	const { lessonId, response } = await openLesson(page);
	expect(response?.status()).toBe(200);
	// Leave the lesson so that its tracker beats no more in between.
	await page.goto('/my/cohorts');

	const tab = `e2e${Date.now()}`;
	const first = await page.request.post(ENDPOINT, { data: beat(lessonId, tab, 1) });
	expect(first.status()).toBe(200);
	const again = await page.request.post(ENDPOINT, { data: beat(lessonId, tab, 1) });
	expect(await again.json()).toMatchObject({ duplicate: true, credited: 0 });

	const bad = await page.request.post(ENDPOINT, { data: Buffer.from('{"lessonId":'), headers: { 'content-type': 'application/json' } });
	expect(bad.status()).toBe(400);
	expect((await bad.json()).message).toBe('心跳数据不是有效的 JSON');
	const notAnObject = await page.request.post(ENDPOINT, { data: JSON.stringify('{"lessonId":1}') });
	expect(notAnObject.status()).toBe(400);
	expect((await notAnObject.json()).message).toBe('心跳数据应为一个对象');
});

test('without a session the endpoint answers 401, not a login page', async ({ request }) => {
	const res = await request.post(ENDPOINT, { data: beat(1, 'anonymous', 1) });
	expect(res.status()).toBe(401);
	expect((await res.json()).message).toContain('登录已失效');
	const forged = await request.post(ENDPOINT, { data: beat(1, 'anonymous', 1), headers: { cookie: 'dx_session=not-a-session' } });
	expect(forged.status()).toBe(401);
});

test('a signed-in instructor who is not enrolled earns nothing and the lesson page says so', async ({ page }) => {
	await login(page, 'instructor');
	const { lessonId, response } = await openLesson(page);
	expect(response?.status()).toBe(403);
	await expect(page.getByText('您未参加包含本课的进行中培训班')).toBeVisible();

	const res = await page.request.post(ENDPOINT, { data: beat(lessonId, 'e2einstructor', 1) });
	expect(res.status()).toBe(403);
	// After logging out the same browser is refused as signed out.
	await page.context().clearCookies();
	expect((await page.request.post(ENDPOINT, { data: beat(lessonId, 'e2einstructor', 2) })).status()).toBe(401);
});
