import { expect, test } from '@playwright/test';
import { hydrated, login, screenshot } from './helpers';

// The first view of a lesson carries its body once (rendered), not also in the hydration data
// (src/lib/html/server-html.ts); client-side navigation brings the next body in the data.

test('a lesson’s body is sent once, hydrates with live practice questions, and survives client-side navigation', async ({ page }, testInfo) => {
	await login(page, 'instructor');
	const html = await (await page.request.get('/courses/ACT/party-discipline')).text();
	expect(html.split('纪律是党的生命').length - 1).toBe(1);

	const documents: string[] = [];
	page.on('request', (r) => r.resourceType() === 'document' && documents.push(r.url()));
	await page.goto('/courses/ACT/party-discipline');
	await hydrated(page);
	await expect(page.getByRole('heading', { name: '一、纪律是党的生命' })).toBeVisible();
	// The practice questions are mounted into the kept server markup after hydration.
	await expect(page.getByRole('button', { name: '提交答案' }).first()).toBeVisible();
	// …and answer: the lesson embeds them, so the key comes back after the answer.
	const practice = page.locator('.lx-practice-form').first();
	await practice.getByRole('radio').first().check();
	await practice.getByRole('button', { name: '提交答案' }).click();
	await expect(practice.getByRole('status')).toContainText(/回答(正确|错误)/);
	await screenshot(page, testInfo, 'lesson', { fullPage: false });

	await page.getByRole('link', { name: /下一课：党员的权利和义务/ }).click();
	await expect(page).toHaveURL(/\/courses\/ACT\/rights-and-duties$/);
	await expect(page.getByRole('heading', { name: '一、党员的条件' })).toBeVisible();
	await expect(page.getByRole('heading', { name: '一、纪律是党的生命' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: '提交答案' }).first()).toBeVisible();

	await page.goBack();
	await expect(page.getByRole('heading', { name: '一、纪律是党的生命' })).toBeVisible();
	await expect(page.getByRole('button', { name: '提交答案' }).first()).toBeVisible();
	// One document: the first view; the rest came as data.
	expect(documents).toHaveLength(1);
});
