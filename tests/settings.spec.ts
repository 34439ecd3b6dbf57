import { expect, test } from '@playwright/test';
import { hydrated, login, mainNav } from './helpers';

// Only refusals and a save without changes: other specs count 学时 on the same database at once.
test('the school admin edits the 学时 length in the browser, and bad values are refused in Chinese', async ({ page }) => {
	await login(page, 'admin');
	await (await mainNav(page)).getByRole('link', { name: '系统设置' }).click();
	await expect(page.getByRole('heading', { name: '系统设置' })).toBeVisible();
	await hydrated(page);
	const hour = page.getByLabel('1 学时的长度（分钟）');
	await expect(hour).toHaveValue('45');
	for (const [value, message] of [
		['abc', '请填写1 学时的长度'],
		['45.5', '1 学时的长度须为整数分钟'],
		['5', '1 学时的长度不少于 20 分钟'],
		['300', '1 学时的长度不超过 240 分钟']
	] as const) {
		await hour.fill(value);
		await page.getByRole('button', { name: '保存' }).click();
		await expect(page.locator('#creditHourMinutes-error')).toHaveText(message);
		await expect(page.getByRole('alert')).toContainText(message);
		await expect(hour).toHaveAttribute('aria-invalid', 'true');
	}
	await hour.fill('45');
	await page.getByLabel('每课最少学习时间（分钟，可留空）').fill('0');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.locator('#minLessonMinutes-error')).toHaveText('每课最少学习时间不少于 1 分钟');
	await page.getByLabel('每课最少学习时间（分钟，可留空）').fill('');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('status')).toHaveText('没有需要保存的修改');
});

test('a secretary has no 系统设置 and is refused at its address', async ({ page }) => {
	await login(page, 'secretary');
	await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '系统设置' })).toHaveCount(0);
	expect((await page.goto('/admin/settings'))?.status()).toBe(403);
	await expect(page.getByText('只有组织部/党校管理员可以修改系统设置')).toBeVisible();
});
