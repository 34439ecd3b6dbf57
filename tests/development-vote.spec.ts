import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { hydrated, login, logout } from './helpers';

// 第二十条 end to end: the branch secretary records the 支部大会 that votes on admitting a
// candidate. Who should attend is no longer typed in: the form shows the number the server derives
// from the branch's roll of full members. The vote does not reach more than half of them, and the
// committee's approval is refused with that reason (demo.ts gives each Playwright project its own
// candidate, pre-review passed and 志愿书 issued, the meeting still to hold).

const awaitingMeeting = [
	{ username: '225019901', name: '冯子墨' },
	{ username: '225019902', name: '蒋思琪' }
];
const mine = <T>(list: T[], info: TestInfo) => list[info.project.name === 'phone' ? 1 : 0];
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

async function openRecord(page: Page, person: { username: string; name: string }) {
	await page.goto(`/development/people?q=${person.username}`);
	await page.getByRole('table', { name: '发展党员名单' }).getByRole('link', { name: person.name }).click();
	await expect(page.getByRole('heading', { level: 1, name: `${person.name} · 发展党员纪实` })).toBeVisible();
	await hydrated(page);
}

test('a vote short of half the branch roll is recorded as lost, and the admission is refused with the reason', async ({ page }, info) => {
	const person = mine(awaitingMeeting, info);

	await login(page, 'secretary');
	await openRecord(page, person);
	await page.getByLabel('登记事项').selectOption({ label: '支部大会表决' });
	await page.getByLabel('日期', { exact: true }).fill(today());
	await page.getByLabel('表决事项').selectOption({ label: '接收预备党员' });
	// The denominator is the roll's, not a field: nothing to type down.
	await expect(page.getByLabel('其中应到会正式党员')).toHaveCount(0);
	await expect(page.getByLabel('应到会有表决权的党员')).toHaveCount(0);
	const roll = page.locator('#d-roll');
	await expect(roll).toContainText('按计算机学院本科生第一党支部党员名册核定');
	const expected = Number(await roll.locator('strong').innerText());
	expect(expected).toBeGreaterThan(0);

	// Everyone with a vote is there; "for" stays at or below half of them.
	const votesFor = Math.floor(expected / 2);
	await page.getByLabel('实到有表决权的正式党员').fill(String(expected));
	await page.getByLabel('赞成', { exact: true }).fill(String(votesFor));
	await page.getByLabel('反对', { exact: true }).fill(String(expected - votesFor));
	await page.getByLabel('弃权', { exact: true }).fill('0');
	await page.getByRole('button', { name: '登记', exact: true }).click();
	await expect(page.getByRole('status')).toContainText(`赞成${votesFor}票，未超过应到会有表决权的正式党员${expected}人的半数，表决未通过`);
	const panel = page.getByRole('region', { name: '审批接收为预备党员' });
	await expect(panel.getByRole('row').filter({ hasText: '支部大会表决有效' })).toContainText('赞成票未超过应到会有表决权正式党员');
	await logout(page);

	await login(page, 'organizer');
	await openRecord(page, person);
	await page.getByRole('region', { name: '审批接收为预备党员' }).getByRole('button', { name: '审批接收为预备党员' }).click();
	const refusal = page.getByRole('alert');
	await expect(refusal).toContainText('不能审批接收为预备党员');
	await expect(refusal).toContainText(`『支部大会表决有效』${today()} 支部大会应到${expected}人、实到${expected}人，赞成${votesFor}、反对${expected - votesFor}、弃权0；赞成票未超过应到会有表决权正式党员${expected}人的半数，未通过`);
	await expect(page.locator('dl.facts').first()).toContainText('发展对象');
	await expect(page.getByRole('table', { name: '纪实档案' })).toContainText('按支部党员名册核定');
});
