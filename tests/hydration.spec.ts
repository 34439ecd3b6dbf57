import { expect, test } from '@playwright/test';
import { hydrated } from './helpers';

// On a slow phone connection people start typing before the scripts have loaded.
// Hydration must not wipe what they typed (an input rendered with `value={…}` is reset;
// `defaultValue={…}` or `bind:value` keeps it).
test('what is typed into the login form before the scripts run is kept', async ({ page }) => {
	let release!: () => void;
	const scriptsMayLoad = new Promise<void>((resolve) => (release = resolve));
	await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
		await scriptsMayLoad;
		await route.continue();
	});
	await page.goto('/login', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('学号/工号').fill('admin');
	await page.getByLabel('密码', { exact: true }).fill('typed-early');
	release();
	await hydrated(page);
	await expect(page.getByLabel('学号/工号')).toHaveValue('admin');
	await expect(page.getByLabel('密码', { exact: true })).toHaveValue('typed-early');
});
