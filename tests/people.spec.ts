import { expect, test } from '@playwright/test';
import { findPersonId, login, screenshot, students } from './helpers';

test('an admin sees the people list of the whole school', async ({ page }, testInfo) => {
	await login(page, 'admin');
	await page.goto('/admin/people');
	await expect(page.getByRole('heading', { name: '人员管理' })).toBeVisible();
	const table = page.getByRole('table', { name: '人员列表' });
	// 48 people in the demo school, 20 to a page (plus the header row).
	await expect(table.getByRole('row')).toHaveCount(21);
	await expect(table.getByRole('link', { name: 'admin', exact: true })).toBeVisible();
	await screenshot(page, testInfo, 'people-list');
});

test('a secretary sees only the people of their own branch', async ({ page }) => {
	await login(page, 'secretary');
	await page.goto('/admin/people');
	const table = page.getByRole('table', { name: '人员列表' });
	const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
	await expect(table.getByRole('cell', { name: '张晓明' })).toBeVisible();
	await expect(table.getByRole('cell', { name: '陈书记' })).toBeVisible();
	await expect(rows.filter({ hasNotText: '计算机学院本科生第一党支部' })).toHaveCount(0);
	await expect(table).not.toContainText('李雨萱');
});

test('a secretary opening a person of another branch gets 403 and no personal data', async ({ page }) => {
	await login(page, 'admin');
	const id = await findPersonId(page, 'activist2');
	await page.context().clearCookies();

	// The id is right: activist2's own secretary sees the page.
	await login(page, 'secretary2');
	const own = await page.goto(`/admin/people/${id}`);
	expect(own?.status()).toBe(200);
	await expect(page.getByRole('heading', { name: '李雨萱' })).toBeVisible();
	await page.context().clearCookies();

	await login(page, 'secretary');
	const other = await page.goto(`/admin/people/${id}`);
	expect(other?.status()).toBe(403);
	await expect(page.getByText('您没有权限访问该内容')).toBeVisible();
	const text = await page.locator('body').innerText();
	for (const secret of ['李雨萱', 'activist2', '2005-09-01', '医学院临床医学本科生党支部']) expect(text).not.toContain(secret);
});

test('an admin resets a password and the person must change it at the next login', async ({ page }, testInfo) => {
	const username = testInfo.project.name === 'phone' ? students.resetPhone : students.resetDesktop;
	await login(page, 'admin');
	const id = await findPersonId(page, username);
	await page.goto(`/admin/people/${id}`);
	await page.getByRole('button', { name: '重置密码' }).click();
	const notice = page.getByRole('status').filter({ hasText: '临时密码' });
	await expect(notice).toBeVisible();
	const temporary = (await notice.innerText()).match(/临时密码：\s*(\S+?)\s*（/)?.[1];
	expect(temporary).toMatch(/^[a-z]{5}[2-9]{4}$/);
	await page.context().clearCookies();

	await login(page, username, temporary);
	await expect(page).toHaveURL(/\/account\/password$/);
	await expect(page.getByRole('note')).toContainText('请先设置新密码');
	// Nothing else opens until the password is changed.
	await page.goto('/me');
	await expect(page).toHaveURL(/\/account\/password$/);

	await page.getByLabel('当前密码', { exact: true }).fill(temporary!);
	await page.getByLabel('新密码', { exact: true }).fill('Xuexi2026ok');
	await page.getByLabel('确认新密码', { exact: true }).fill('Xuexi2026ok');
	await page.getByRole('button', { name: '保存新密码' }).click();
	await expect(page).toHaveURL(/\/\?passwordChanged=1$/);
	await page.goto('/me');
	await expect(page.getByRole('heading', { name: '我的档案' })).toBeVisible();
});
