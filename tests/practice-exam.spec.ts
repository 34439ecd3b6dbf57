import { expect, test } from '@playwright/test';
import { hydrated, login } from './helpers';

// 练习测验 from the course page: a set of the lessons' practice questions, graded at once with the
// key and the explanation, nothing recorded. Signed in as accounts that sit no exam in the demo,
// so an exam another spec starts cannot refuse the practice.

test('a learner takes a 练习测验 of ACT and sees what was right, the key and the explanation', async ({ page }, testInfo) => {
	await login(page, testInfo.project.name === 'phone' ? 'secretary2' : 'league');
	await page.goto('/courses/ACT');
	await page.getByRole('link', { name: /练习测验/ }).click();
	await expect(page.getByRole('heading', { name: '练习测验', level: 1 })).toBeVisible();
	await hydrated(page);
	const questions = page.locator('form.paper fieldset');
	const n = await questions.count();
	expect(n).toBeGreaterThan(0);
	// The first question answered with its first option, the others left open.
	await questions.first().locator('input').first().check().catch(async () => questions.first().locator('input').first().fill('答案'));
	await page.getByRole('button', { name: '交卷并查看解析' }).click();
	await expect(page.getByRole('heading', { name: new RegExp(`答对 \\d+ / ${n} 题`) })).toBeVisible();
	await expect(page.getByText('未作答').first()).toBeVisible();
	await expect(page.getByText(/正确答案：/).first()).toBeVisible();
	await expect(page.getByRole('link', { name: '再练一组' })).toBeVisible();
});
