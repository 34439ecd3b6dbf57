import { expect, type Page, type TestInfo } from '@playwright/test';
import { fileURLToPath } from 'node:url';

export const DEMO_PASSWORD = 'dangxiao-demo';

/** Seeded students have no password; the seed numbers them 2 + grade + branch + serial. */
export const students = {
	throttleDesktop: '222010001',
	throttlePhone: '222010005',
	resetDesktop: '222010009',
	resetPhone: '222010013'
};

/**
 * Waits until Svelte has hydrated the page: SvelteKit mounts its route announcer only then.
 * Text typed before that is wiped by inputs rendered with `value={…}` (see hydration.spec.ts),
 * and buttons with `onclick` do nothing yet.
 */
export async function hydrated(page: Page) {
	const errors: string[] = [];
	const onError = (error: Error) => errors.push(error.message);
	page.on('pageerror', onError);
	try {
		await page.locator('#svelte-announcer').waitFor({ state: 'attached', timeout: 30_000 });
	} catch (error) {
		// A page that never hydrates is a failure of its own: say what the browser was showing.
		const state = await page
			.evaluate(() => ({
				url: location.href,
				readyState: document.readyState,
				title: document.title,
				text: document.body?.innerText.slice(0, 200),
				scripts: performance
					.getEntriesByType('resource')
					.filter((entry) => entry.name.includes('/_app/'))
					.map((entry) => `${new URL(entry.name).pathname} ${Math.round(entry.duration)}ms`)
			}))
			.catch((reason) => String(reason));
		throw new Error(`page did not hydrate: ${JSON.stringify({ state, errors })}`, { cause: error });
	} finally {
		page.off('pageerror', onError);
	}
}

/** Fill and submit the login form; stays wherever the server sends the browser. */
export async function submitLogin(page: Page, username: string, password: string) {
	await page.goto('/login');
	await hydrated(page);
	await page.getByLabel('学号/工号').fill(username);
	await page.getByLabel('密码', { exact: true }).fill(password);
	await page.getByRole('button', { name: '登录' }).click();
}

/** Log in and wait until the browser has left the login page. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
	await submitLogin(page, username, password);
	await expect(page).not.toHaveURL(/\/login/);
}

/** The main navigation, opened if it sits behind the phone layout's 菜单 button. */
export async function mainNav(page: Page) {
	const nav = page.getByRole('navigation', { name: '主导航' });
	const toggle = page.getByRole('button', { name: '菜单' });
	await hydrated(page);
	if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
	await expect(nav).toBeVisible();
	return nav;
}

export async function logout(page: Page) {
	const nav = await mainNav(page);
	await nav.getByRole('button', { name: '退出登录' }).click();
	await expect(page).toHaveURL(/\/login$/);
}

/** docs/screenshots/<project>-<name>.png, for the README and reviewers. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string, { fullPage = true } = {}) {
	const dir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
	await page.screenshot({ path: `${dir}${testInfo.project.name}-${name}.png`, fullPage });
}

/** The id in the link to a person's page, found through the people search. */
export async function findPersonId(page: Page, query: string) {
	await searchPeople(page, query);
	const link = page.getByRole('table', { name: '人员列表' }).getByRole('link', { name: query, exact: true });
	const href = await link.getAttribute('href');
	const id = href?.match(/\/admin\/people\/(\d+)$/)?.[1];
	expect(id, `link to ${query}`).toBeTruthy();
	return Number(id);
}

export async function searchPeople(page: Page, query: string) {
	await page.goto('/admin/people');
	await hydrated(page);
	await page.getByLabel('姓名或学号/工号').fill(query);
	await page.getByRole('button', { name: '查询' }).click();
	await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(query)}`));
}
