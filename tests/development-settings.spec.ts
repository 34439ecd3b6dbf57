import { expect, test } from '@playwright/test';
import { hydrated, login } from './helpers';

// A school may only tighten a national rule: the settings page refuses, in Chinese and without
// writing a version, an age below which League members would be admitted on 党员推荐 alone.
test('the settings page refuses lowering the League ages and saves nothing', async ({ page }) => {
	await login(page, 'admin');
	await page.goto('/development/settings');
	await hydrated(page);
	const versions = page.getByRole('table', { name: '设置版本' }).getByRole('row');
	const before = await versions.count();

	const opinionAge = page.getByLabel('团员推优：须记录团组织意见的年龄上限（周岁）');
	await expect(opinionAge).toHaveValue('35');
	await expect(page.getByText('只能从严：不低于 35周岁')).toBeVisible();
	await opinionAge.fill('28');
	await page.getByRole('button', { name: '保存设置' }).click();

	await expect(page.getByRole('alert')).toContainText('『团员推优』的须记录团组织意见的年龄上限不能低于全国规定的 35 周岁');
	await page.reload();
	await expect(page.getByLabel('团员推优：须记录团组织意见的年龄上限（周岁）')).toHaveValue('35');
	await expect(versions).toHaveCount(before);
});
