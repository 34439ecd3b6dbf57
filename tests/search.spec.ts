import { expect, test } from '@playwright/test';
import { login } from './helpers';

// Lesson text is searchable: a word from a demo lesson's body (not its title) finds that lesson,
// with the word marked in the snippet, and the hit opens the lesson. Signed in as accounts no other
// spec studies with, so the lesson's heartbeats meet no other tab's clock.

test('a learner searches a word of a lesson body, sees it highlighted and opens the lesson', async ({ page }, testInfo) => {
	await login(page, testInfo.project.name === 'phone' ? 'secretary2' : 'league');
	await page.goto('/courses');
	await page.getByLabel('搜索课程和课时内容').fill('个人专断');
	await page.getByRole('button', { name: '搜索' }).click();
	await expect(page).toHaveURL(/[?&]q=/);
	await expect(page.getByRole('status')).toContainText('个课时');
	const hit = page.locator('a.hit').filter({ has: page.locator('mark', { hasText: '个人专断' }) }).first();
	await expect(hit).toBeVisible();
	await hit.click();
	await expect(page).toHaveURL(/\/courses\/ACT\/organisation-democratic-centralism$/);
	await expect(page.getByText(/个人专断/).first()).toBeVisible();
});

test('a search that finds nothing says so in Chinese', async ({ page }, testInfo) => {
	await login(page, testInfo.project.name === 'phone' ? 'secretary2' : 'league');
	await page.goto('/courses?q=' + encodeURIComponent('不存在的词语组合'));
	await expect(page.getByRole('status')).toContainText('没有找到包含“不存在的词语组合”的课程或课时');
});
