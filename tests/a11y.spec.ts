import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { demoAccounts } from './crawl';
import { hydrated, login } from './helpers';

// axe-core on the main pages of every role (each page its menu reaches) and the public pages:
// no serious or critical violation of WCAG 2.1 A/AA. Minor and moderate ones are not counted.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function violations(page: Page, path: string) {
	const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${path} ${v.id}（${v.impact}）: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
}

test('the check itself finds what it must: a button without a name, text without contrast', async ({ page }) => {
	await page.goto('/login');
	// After hydration, or Svelte takes the planted nodes away again before axe looks (seen on a loaded host).
	await hydrated(page);
	await page.evaluate(() => {
		document.querySelector('main')!.insertAdjacentHTML('beforeend', '<button id="nameless"></button><p id="faint" style="color:#ddd;background:#fff">浅色文字</p>');
	});
	await expect(page.locator('#nameless')).toBeAttached();
	await expect(page.locator('#faint')).toBeVisible();
	const found = await violations(page, '/login');
	expect(found.some((v) => v.includes('button-name'))).toBe(true);
	expect(found.some((v) => v.includes('color-contrast'))).toBe(true);
});

test('the public pages have no serious accessibility violation', async ({ page }) => {
	const found: string[] = [];
	for (const path of ['/login', '/verify']) {
		await page.goto(path);
		found.push(...(await violations(page, path)));
	}
	expect(found).toEqual([]);
});

for (const account of demoAccounts) {
	test(`the pages ${account} reaches have no serious accessibility violation`, async ({ page }) => {
		test.setTimeout(240_000);
		await login(page, account);
		const menu = await page.locator('#site-nav a[href^="/"]').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
		expect(menu.length, 'menu links').toBeGreaterThan(3);
		const found: string[] = [];
		for (const path of new Set(menu)) {
			const res = await page.goto(path);
			expect(res?.status(), path).toBeLessThan(400);
			found.push(...(await violations(page, path)));
		}
		expect(found, `serious or critical violations for ${account}`).toEqual([]);
	});
}
