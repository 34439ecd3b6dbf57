import { expect, test, type Page } from '@playwright/test';
import { hydrated, login, mainNav } from './helpers';

// The Content-Security-Policy (svelte.config.js, src/lib/server/http/csp.js) must not break a
// page: every page each role's navigation reaches, and the deeper ones people use most, load and
// hydrate with no violation reported by the browser.
const roles = ['admin', 'instructor', 'secretary', 'activist'] as const;

/** Everything the browser refused, as it reports it. */
function watchViolations(page: Page) {
	const refused: string[] = [];
	page.on('console', (m) => {
		if (/Refused to|Content Security Policy/i.test(m.text())) refused.push(`${page.url()}: ${m.text()}`);
	});
	return refused;
}

async function visit(page: Page, path: string) {
	const res = await page.goto(path);
	expect(res?.status(), path).toBeLessThan(400);
	await hydrated(page);
}

/** The first link on `path` whose address matches, to reach a page behind a list. */
async function firstLink(page: Page, path: string, href: RegExp) {
	await visit(page, path);
	const links = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
	return links.find((l) => href.test(l));
}

test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
	});
});

test('the login page and a public verification page load under the policy', async ({ page }) => {
	const refused = watchViolations(page);
	await visit(page, '/login');
	const res = await page.goto('/verify/' + 'a'.repeat(32));
	expect(res?.status()).toBe(404);
	await expect(page.getByText('未找到该证书')).toBeVisible();
	expect(refused).toEqual([]);
});

for (const role of roles) {
	test(`every page in ${role}’s navigation loads and hydrates with no CSP violation`, async ({ page }) => {
		test.setTimeout(180_000);
		const refused = watchViolations(page);
		await login(page, role);
		const nav = await mainNav(page);
		const paths = await nav.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
		expect(paths.length).toBeGreaterThan(3);
		for (const path of paths) await visit(page, path);
		// Deeper pages behind the lists: a lesson (markdown, video, heartbeats), a session's
		// projector (QR code), a lesson editor (preview, uploads), a certificate.
		const deeper: [string, RegExp, ((link: string) => Promise<void>)?][] = [
			['/courses', /^\/courses\/[^/]+$/, async (link) => {
				const lesson = await firstLink(page, link, /^\/courses\/[^/]+\/[^/]+$/);
				if (lesson) await visit(page, lesson);
			}],
			['/sessions', /^\/sessions\/\d+$/, async (link) => {
				const projector = await firstLink(page, link, /^\/sessions\/\d+\/projector$/);
				if (projector) await visit(page, projector);
			}],
			['/teach', /^\/teach\/courses\/\d+$/, async (link) => {
				const editor = await firstLink(page, link, /^\/teach\/courses\/\d+\/lessons\/\d+$/);
				if (editor) await visit(page, editor);
			}],
			['/me/record', /^\/certificates\/\d+$/]
		];
		for (const [list, href, further] of deeper) {
			if (!paths.includes(list) && list !== '/me/record') continue;
			const link = await firstLink(page, list, href);
			if (!link) continue;
			await visit(page, link);
			await further?.(link);
		}
		expect(refused).toEqual([]);
	});
}
