import { expect, test } from '@playwright/test';
import { hydrated, login, screenshot } from './helpers';

// The learner's home page on a phone says what to do next: continue the last lesson, the
// cohort's progress, the next 集中授课 (demo: src/lib/server/demo/training.ts).
test.use({ viewport: { width: 390, height: 844 } });

test('the demo activist’s home page names the lesson to continue, the cohort’s progress and the next session', async ({ page }, testInfo) => {
	await login(page, 'activist');
	await expect(page).toHaveURL(/\/$/);
	await hydrated(page);
	const cont = page.getByRole('region', { name: '继续学习' });
	const link = cont.getByRole('link', { name: /^(继续|开始)学习：/ });
	await expect(link).toBeVisible();
	await expect(link).toHaveAttribute('href', /^\/courses\/ACT\/[\w-]+$/);

	const cohorts = page.getByRole('region', { name: '我的培训班' });
	await expect(cohorts.getByRole('progressbar', { name: /学时进度$/ }).first()).toBeVisible();
	await expect(cohorts.getByRole('progressbar', { name: /必修课时进度$/ }).first()).toBeVisible();

	const session = page.getByRole('region', { name: '集中授课' });
	await expect(session.getByRole('link').first()).toHaveAttribute('href', /^\/my\/sessions\/\d+$/);
	await expect(page.getByRole('region', { name: '考试' })).toBeVisible();
	// Nothing sideways on a 390 px screen.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await screenshot(page, testInfo, 'home-activist');

	await link.click();
	await expect(page).toHaveURL(/\/courses\/ACT\/[\w-]+$/);
	await expect(page.getByRole('status').filter({ hasText: '学习计时' }).or(page.getByText(/本课已计学时/))).toBeVisible();
});
