import { expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hydrated, login, screenshot } from './helpers';

// Needs the demo completion data (src/lib/server/completion/demo.ts, after the other demo seeds):
// the demo graduate, trained as an activist in 第44期入党积极分子培训班, holds its certificate;
// some learners of the branch did not finish. These tests only read, so both projects share him.
const graduate = { username: '222019801', name: '何明远', masked: '何*远' };

/** The graduate's current certificate page, reached through their training record. */
async function openMyCertificate(page: Page) {
	await page.goto('/me/record');
	await expect(page.getByRole('heading', { name: '我的培训档案' })).toBeVisible();
	const certs = page.getByRole('table', { name: '结业证书列表' });
	const row = certs.getByRole('row').filter({ hasText: '第44期入党积极分子培训班' }).filter({ hasText: '有效' });
	await row.getByRole('link', { name: /^DX-/ }).click();
	await expect(page.getByRole('heading', { name: /^结业证书 DX-/ })).toBeVisible();
	return page.url();
}

/** The text of a PDF, by poppler's pdftotext (installed on the CI machine). */
function pdfText(path: string) {
	return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
}

test('an activist who completed downloads the certificate, and its QR link verifies it', async ({ page, browser }, testInfo) => {
	await login(page, graduate.username);
	await openMyCertificate(page);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载证书 PDF' }).click()]);
	const file = await download.path();
	const bytes = readFileSync(file);
	expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	await expect(page.getByText(sha256)).toBeVisible();

	// The link printed under the QR code (the QR encodes the same text).
	const text = pdfText(file);
	expect(text).toContain(graduate.name);
	expect(text).toContain('入党积极分子培训');
	const printed = text.match(/https?:\/\/\S+\/verify\/[a-z2-7]{32}/)?.[0];
	expect(printed, 'verification link in the PDF').toBeTruthy();
	await screenshot(page, testInfo, 'certificate');

	// Anyone, without signing in, can check it.
	const stranger = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: 'zh-CN' });
	const pub = await stranger.newPage();
	const res = await pub.goto(new URL(printed!).pathname);
	expect(res?.status()).toBe(200);
	await expect(pub.getByRole('status').filter({ hasText: '该证书真实有效' })).toBeVisible();
	await expect(pub.getByText(graduate.masked)).toBeVisible();
	await expect(pub.getByText(sha256)).toBeVisible();
	for (const secret of [graduate.name, graduate.username]) await expect(pub.locator('body')).not.toContainText(secret);
	// The page came from the verification fast route (src/lib/server/certificates/verify-route.ts);
	// the upload form's post is SvelteKit's page: both show the same result, to the byte.
	const path = new URL(printed!).pathname;
	const resultOf = (html: string) => html.match(/<section class="card"[\s\S]*?<\/section>/)?.[0];
	const fast = resultOf(await (await pub.request.get(path)).text());
	const kit = await pub.request.post(`${path}?/check`, { multipart: { note: 'no file' }, headers: { origin: testInfo.project.use.baseURL!, accept: 'text/html' } });
	expect(kit.status()).toBe(400);
	const kitHtml = await kit.text();
	expect(kitHtml).toContain('请选择要核验的证书 PDF 文件');
	expect(fast).toBeTruthy();
	expect(resultOf(kitHtml)).toBe(fast);
	// The downloaded file itself matches, byte for byte.
	await pub.getByLabel('证书 PDF 文件').setInputFiles(file);
	await pub.getByRole('button', { name: '核验' }).click();
	await expect(pub.getByText(/文件与已颁发的证书 DX-[0-9-]+（.*）完全一致/)).toBeVisible();
	await screenshot(pub, testInfo, 'certificate-verify');
	await stranger.close();
});

test('a secretary of another branch cannot open the certificate or the record', async ({ page }) => {
	await login(page, graduate.username);
	const certificateUrl = await openMyCertificate(page);
	await page.goto('/me/record');
	const recordUrl = page.url();
	await page.context().clearCookies();

	await login(page, 'secretary2');
	for (const url of [certificateUrl, `${certificateUrl}/pdf`, recordUrl]) {
		const res = await page.goto(url).catch(() => null);
		// A refused download may not render a page; the status is what counts.
		const status = res?.status() ?? (await page.request.get(url)).status();
		expect(status, url).toBe(403);
	}
	await page.goto(certificateUrl);
	await expect(page.locator('body')).not.toContainText(graduate.name);
	await page.context().clearCookies();

	// The graduate's own secretary may.
	await login(page, 'secretary');
	expect((await page.goto(certificateUrl))?.status()).toBe(200);
	expect((await page.goto(recordUrl))?.status()).toBe(200);
});

test('the branch view lists who still lacks what', async ({ page }, testInfo) => {
	await login(page, 'secretary');
	await page.goto('/completion/branch');
	await expect(page.getByRole('heading', { name: '支部结业情况' })).toBeVisible();
	await hydrated(page);
	await page.getByRole('checkbox', { name: '未结业', exact: true }).check();
	await page.getByRole('button', { name: '查询' }).click();
	await expect(page).toHaveURL(/todo=1/);
	const table = page.getByRole('table', { name: '学员结业情况' });
	const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
	// Not yet complete: still studying (学习中) in a running cohort, or not met (未结业) in a closed one.
	await expect(rows.filter({ hasText: /学习中|未结业/ })).toHaveCount(await rows.count());
	await expect(rows.filter({ hasText: /必修课时完成 \d+\/\d+，尚差 \d+ 讲/ }).first()).toBeVisible();
	await expect(rows.filter({ hasText: '第44期入党积极分子培训班' }).filter({ hasText: '未结业' }).first()).toBeVisible();
	// Only the secretary's branch.
	await expect(rows.filter({ hasNotText: '计算机学院本科生第一党支部' })).toHaveCount(0);
	await expect(table).not.toContainText('李雨萱');
	await screenshot(page, testInfo, 'completion-branch');

	const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()]);
	expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
});

test('a paper certificate verifies by its printed serial with the holder\'s full name, and a wrong code gets a titled Chinese page', async ({ page, browser }, testInfo) => {
	await login(page, graduate.username);
	await openMyCertificate(page);
	const serial = /DX-[\d-]+/.exec((await page.getByRole('heading', { name: /^结业证书 DX-/ }).textContent())!)![0];

	const stranger = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: 'zh-CN' });
	const pub = await stranger.newPage();
	await pub.goto('/verify');
	await hydrated(pub);
	// The serial alone, with the masked name shown on the public page, finds nothing: serials run in order.
	await pub.getByLabel('证书编号').fill(serial);
	await pub.getByLabel('持证人姓名').fill(graduate.masked);
	await pub.getByRole('button', { name: '查询' }).nth(1).click();
	await expect(pub.getByRole('alert').filter({ hasText: '未找到编号与姓名都一致的证书' })).toBeVisible();
	await pub.getByLabel('持证人姓名').fill(graduate.name);
	await pub.getByRole('button', { name: '查询' }).nth(1).click();
	await expect(pub.getByRole('status').filter({ hasText: `证书 ${serial}` })).toContainText('有效');
	await expect(pub.locator('body')).not.toContainText(graduate.username);

	// A code that is no certificate: the fast route's page, titled and in Chinese, with a way on.
	const res = await pub.goto('/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
	expect(res?.status()).toBe(404);
	await expect(pub).toHaveTitle('页面不存在 · 网上党校');
	await expect(pub.getByText('按证书编号和持证人姓名查询')).toBeVisible();
	await expect(pub.getByRole('link', { name: '返回首页' })).toBeVisible();
	// Any other missing page: SvelteKit's error page, the same words.
	expect((await pub.goto('/no-such-page'))?.status()).toBe(404);
	await expect(pub).toHaveTitle('页面不存在 · 网上党校');
	await expect(pub.getByRole('heading', { name: '页面不存在' })).toBeVisible();
	await stranger.close();
});
