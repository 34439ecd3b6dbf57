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

// Choosing another rule set shows whom the switch affects and the note that the 2026 text is not
// yet checked; saving without confirming writes nothing.
test('switching to cpc-2026 lists its effect and asks for confirmation first', async ({ page }) => {
	await login(page, 'admin');
	await page.goto('/development/settings?ruleSet=cpc-2026');
	await hydrated(page);
	const versions = page.getByRole('table', { name: '设置版本' }).getByRole('row');
	const before = await versions.count();
	await expect(page.getByText('官方文本尚未在本系统核对')).toBeVisible();
	await expect(page.getByRole('heading', { name: '切换到该规则集的影响' })).toBeVisible();
	await expect(page.getByText('《细则》（2026年修订）第十三条').first()).toBeVisible();
	await expect(page.getByText('待核实')).toHaveCount(0);
	await page.getByRole('button', { name: '保存设置' }).click();
	await expect(page.getByRole('alert')).toContainText('请查看后勾选「确认切换规则集」再保存');
	await page.reload();
	await expect(versions).toHaveCount(before);
	await expect(page.getByLabel('我已查看上述影响，确认切换规则集')).not.toBeChecked();
});

// 第十七条 sets no offline share: the school's minimum reads as its own rule, not 全国规定.
test('the offline minimum of candidate training reads as a school rule', async ({ page }) => {
	await login(page, 'admin');
	await page.goto('/development/settings');
	await hydrated(page);
	await expect(page.getByText('学校规定，只能从严：不低于 2天')).toBeVisible();
	await expect(page.getByText('学校规定，只能从严：不低于 12学时')).toBeVisible();
});

// A college committee may only tighten the school's rules: a lower wait is refused and nothing saved.
test('a college organizer cannot loosen the school rules for the college', async ({ page }) => {
	await login(page, 'organizer');
	await page.goto('/development');
	await page.getByRole('link', { name: '学院规则' }).click();
	await hydrated(page);
	const months = page.getByLabel('递交申请满规定时间：时长（学院，个月）');
	await expect(months).toHaveValue('');
	await months.fill('3');
	await page.getByRole('button', { name: '保存学院规则' }).click();
	await expect(page.getByRole('alert')).toContainText('『递交申请满规定时间』的时长不能低于学校规定的 6 个月：学院只能从严');
	await page.reload();
	await expect(page.getByLabel('递交申请满规定时间：时长（学院，个月）')).toHaveValue('');
});
