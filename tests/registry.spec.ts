import { expect, test } from '@playwright/test';
import { findPersonId, hydrated, login } from './helpers';

// The members' registry on the person page: the committee edits it and records 处分; a branch
// secretary sees the 身份证号 masked and no discipline section. One 预备党员 per project, born
// on the day their 身份证号 says.
const people = {
	desktop: { username: '222010017', idNumber: '320102200405171238', masked: '3201**********1238' },
	phone: { username: '222010037', idNumber: '320102200001104565', masked: '3201**********4565' }
};

test('the committee keeps the registry and records a 处分; a secretary sees the 身份证号 masked', async ({ page }, testInfo) => {
	const p = people[testInfo.project.name as keyof typeof people] ?? people.desktop;
	await login(page, 'admin');
	const id = await findPersonId(page, p.username);
	await page.goto(`/admin/people/${id}`);
	await hydrated(page);
	await page.getByRole('button', { name: '编辑信息' }).click();
	await page.getByLabel('民族').selectOption('回族');
	await page.getByLabel('学历').selectOption({ label: '大学本科' });
	await page.getByLabel('身份证号').fill('320102200405171230');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('身份证号校验位不正确，请核对是否输错')).toBeVisible();
	await page.getByLabel('身份证号').fill(p.idNumber);
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('status')).toContainText(/已保存|没有需要保存的修改/);
	await expect(page.getByText(p.idNumber)).toBeVisible();
	await expect(page.getByRole('definition').getByText('回族', { exact: true })).toBeVisible();

	await page.getByText('新增处分记录').click();
	await page.getByLabel('处分种类').selectOption({ label: '警告' });
	await page.getByLabel('生效日期').fill('2026-01-05');
	await page.getByLabel('决定机关').fill('计算机学院党委');
	await page.getByLabel('处分事由').fill('无故不参加组织生活');
	await page.getByRole('button', { name: '记录处分' }).click();
	await expect(page.getByRole('status')).toContainText('已记录警告处分');
	await expect(page.getByRole('heading', { name: '党纪处分' })).toBeVisible();
	await page.context().clearCookies();

	await login(page, 'secretary');
	await page.goto(`/admin/people/${id}`);
	await expect(page.getByText(p.masked)).toBeVisible();
	const text = await page.locator('body').innerText();
	expect(text).not.toContain(p.idNumber);
	await expect(page.getByRole('heading', { name: '党纪处分' })).toHaveCount(0);
	// The page's data (what a script would read) carries only the masked number too.
	const data = await page.request.get(`/admin/people/${id}/__data.json`);
	expect(await data.text()).not.toContain(p.idNumber);
	// Posting the committee's form directly is refused.
	const origin = new URL(page.url()).origin;
	const post = await page.request.post(`/admin/people/${id}?/discipline`, {
		headers: { origin, 'x-sveltekit-action': 'true' },
		form: { kind: 'warning', startsOn: '2026-01-05', decidedBy: '某支部', reason: '试图越权' }
	});
	expect(post.status()).toBe(403);
	expect(await post.text()).toContain('您没有权限访问该内容');
});
