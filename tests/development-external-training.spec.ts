import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { hydrated, login, logout } from './helpers';

// 第十七条 training from another party school: the branch secretary records the certificate with
// its scan, and it waits as 「待党委确认」 until the college committee's organizer checks it and
// confirms. (The demo's candidates awaiting their meeting already hold the party school's own
// certificate, so this entry changes no check: each Playwright project uses its own person.)

const people = [
	{ username: '225019901', name: '冯子墨' },
	{ username: '225019902', name: '蒋思琪' }
];
const mine = <T>(list: T[], info: TestInfo) => list[info.project.name === 'phone' ? 1 : 0];
const daysAgo = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - n * 86_400_000));

async function openRecord(page: Page, person: { username: string; name: string }) {
	await page.goto(`/development/people?q=${person.username}`);
	await page.getByRole('table', { name: '发展党员名单' }).getByRole('link', { name: person.name }).click();
	await expect(page.getByRole('heading', { level: 1, name: `${person.name} · 发展党员纪实` })).toBeVisible();
	await hydrated(page);
}

test('external training recorded by the branch waits for the committee, which confirms it after checking the scan', async ({ page }, info) => {
	const person = mine(people, info);
	const serial = `WX-${info.project.name}-${Date.now() % 100000}`;

	await login(page, 'secretary');
	await openRecord(page, person);
	await page.getByLabel('登记事项').selectOption({ label: '外校培训证书' });
	await page.getByLabel('日期', { exact: true }).fill(daysAgo(30));
	await page.getByLabel('培训类别').selectOption({ label: '发展对象培训' });
	await page.getByLabel('证书编号').fill(serial);
	await page.getByLabel('颁发证书的党校').fill('某大学党委党校');
	await page.getByLabel('线下培训天数').fill('3');
	await page.getByLabel('扫描件（必填，PDF 或图片）').setInputFiles({ name: '外校结业证书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
	await page.getByRole('button', { name: '登记', exact: true }).click();
	await expect(page.getByRole('status')).toContainText('待党委确认，确认前不计入培训');
	const row = page.getByRole('table', { name: '纪实档案' }).getByRole('row').filter({ hasText: serial });
	await expect(row).toContainText('待党委确认');
	// The branch has no button to confirm its own entry.
	await expect(row.getByRole('button', { name: '核对无误，确认' })).toHaveCount(0);
	await logout(page);

	await login(page, 'organizer');
	await openRecord(page, person);
	const pending = page.getByRole('table', { name: '纪实档案' }).getByRole('row').filter({ hasText: serial });
	await expect(pending.getByRole('link', { name: '外校结业证书.pdf' })).toBeVisible();
	await pending.getByRole('button', { name: '核对无误，确认' }).click();
	await expect(page.getByRole('status')).toContainText(`已确认外校发展对象培训证书 ${serial}`);
	const confirmed = page.getByRole('table', { name: '纪实档案' }).getByRole('row').filter({ hasText: serial });
	await expect(confirmed).toContainText('党委已确认');
	await expect(confirmed.getByRole('button', { name: '核对无误，确认' })).toHaveCount(0);
});
