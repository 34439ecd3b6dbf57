import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import { hydrated, login } from './helpers';

// The server on a PostgreSQL 15 primary (E2E_DATABASE_URL) and its streaming standby
// (E2E_DATABASE_READ_URL): only the `replica` project runs this, which playwright.config.ts
// defines only when the standby is given (.ci/run's replica step). A secretary records a 发展对象公示
// while the standby's replay is paused: the record page (the primary) shows it at once, the branch
// board (the standby) does not yet and says 「数据截至 …」; once replay resumes the board has it too.

const person = { username: '222010025', name: '吴静' };
const blocker = '尚未进行发展对象公示';
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

const standby = postgres(process.env.E2E_DATABASE_READ_URL ?? 'postgres://missing-E2E_DATABASE_READ_URL', { max: 1, onnotice: () => {} });
test.afterAll(async () => {
	// A paused standby would stop every later reader of it.
	await standby`select pg_wal_replay_resume()`.catch(() => {});
	await standby.end();
});

const row = (page: Page) => page.getByRole('table', { name: '支部发展党员名单' }).getByRole('row').filter({ hasText: person.name });
const notice = (page: Page) => page.getByRole('status').filter({ hasText: '数据截至' });

test('a secretary’s write shows on the board read from the standby once it is replayed', async ({ page }) => {
	expect((await standby`select pg_is_in_recovery() as r`)[0].r).toBe(true);
	await login(page, 'secretary');
	await page.goto('/development/board');
	await expect(row(page)).toContainText(blocker);
	await expect(notice(page)).toHaveCount(0);

	await standby`select pg_wal_replay_pause()`;
	await page.goto(`/development/people?q=${person.username}`);
	await page.getByRole('table', { name: '发展党员名单' }).getByRole('link', { name: person.name }).click();
	await hydrated(page);
	await page.getByLabel('登记事项').selectOption({ label: '公示' });
	await page.getByLabel('日期', { exact: true }).fill(today());
	await page.getByLabel('公示事项').selectOption({ label: '发展对象公示' });
	await page.getByLabel('公示工作日数').fill('5');
	await page.getByRole('button', { name: '登记', exact: true }).click();
	// What the person just wrote, read from the primary.
	await expect(page.getByRole('status')).toContainText('已登记「公示」');

	// The board, from the paused standby: not yet, and it says how old its data is once that
	// exceeds the threshold (5 s).
	await expect(async () => {
		await page.goto('/development/board');
		await expect(notice(page)).toHaveText(/数据截至 \d\d:\d\d:\d\d/, { timeout: 1000 });
	}).toPass({ timeout: 20_000, intervals: [1000] });
	await expect(row(page)).toContainText(blocker);

	// Replaying again, it catches up: the write shows, and the notice goes once it is current
	// (while it is still working through the backlog a page may say 数据截至 with the write in it).
	await standby`select pg_wal_replay_resume()`;
	await expect(async () => {
		await page.goto('/development/board');
		await expect(row(page)).not.toContainText(blocker, { timeout: 1000 });
		await expect(notice(page)).toHaveCount(0, { timeout: 1000 });
	}).toPass({ timeout: 20_000, intervals: [500] });
});
