import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { hydrated, login, logout } from './helpers';

// The development module end to end, on the demo school (src/lib/server/development/histories/demo.ts gives
// each Playwright project its own people, so desktop and phone run side by side):
// - a secretary tries to make an activist without a certificate a candidate and is refused with
//   the reason; the activist's catch-up class issues the certificate (through the certificates
//   pages); the branch decides, the committee files, and the transition then succeeds;
// - an organizer of a college committee records an approval;
// - an organizer of a general branch (党总支) cannot approve; the school committee can.

const accounts = {
	untrained: [
		{ username: '222019901', name: '赵思远' },
		{ username: '222019902', name: '钱雨萱' }
	],
	forCommittee: [
		{ username: '223029901', name: '孙浩然' },
		{ username: '223029902', name: '周欣怡' }
	],
	underGeneralBranch: [
		{ username: '225049901', name: '吴梓轩' },
		{ username: '225049902', name: '郑佳琪' }
	]
};
const CATCH_UP_COHORT = '入党积极分子培训班（补训）';

const mine = <T>(list: T[], info: TestInfo) => list[info.project.name === 'phone' ? 1 : 0];
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** Opens a person's development record through the list search, as a user would. */
async function openRecord(page: Page, person: { username: string; name: string }) {
	await page.goto(`/development/people?q=${person.username}`);
	await page.getByRole('table', { name: '发展党员名单' }).getByRole('link', { name: person.name }).click();
	await expect(page.getByRole('heading', { level: 1, name: `${person.name} · 发展党员纪实` })).toBeVisible();
	await hydrated(page);
}

/** The row of one check in a transition's table. */
function checkRow(scope: Page | Locator, title: string) {
	return scope.getByRole('row').filter({ hasText: title });
}

async function recordEntry(page: Page, kind: string, fields: Record<string, string>) {
	await page.getByLabel('登记事项').selectOption({ label: kind });
	await page.getByLabel('日期', { exact: true }).fill(today());
	for (const [label, option] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).selectOption({ label: option });
	await page.getByRole('button', { name: '登记', exact: true }).click();
	await expect(page.getByRole('status')).toContainText(`已登记「${kind}」`);
}

test('an activist without a certificate cannot become a candidate until trained', async ({ page }, info) => {
	const person = mine(accounts.untrained, info);

	await login(page, 'secretary');
	await openRecord(page, person);
	const panel = page.getByRole('region', { name: '确定为发展对象' });
	await expect(checkRow(panel, '入党积极分子培训结业证书有效')).toContainText('不通过');
	await panel.getByRole('button', { name: '办理：确定为发展对象' }).click();
	const refusal = page.getByRole('alert');
	await expect(refusal).toContainText('不能确定为发展对象');
	await expect(refusal).toContainText('尚无入党积极分子培训结业证书');
	await expect(page.locator('dl.facts').first()).toContainText('入党积极分子');
	await logout(page);

	// The catch-up class has no completion requirement: the party school issues the certificate.
	await login(page, 'admin');
	await page.goto(`/completion?q=${encodeURIComponent('补训')}`);
	await page.getByRole('link', { name: CATCH_UP_COHORT }).click();
	await hydrated(page);
	await page.getByRole('button', { name: `为 ${person.name} 颁发证书` }).click();
	await expect(page.getByRole('status')).toContainText('已颁发证书');
	await logout(page);

	// The branch committee decides; the higher committee files it.
	await login(page, 'secretary');
	await openRecord(page, person);
	await recordEntry(page, '支委会决定', { 决定事项: '确定为发展对象' });
	await logout(page);
	await login(page, 'organizer');
	await openRecord(page, person);
	await recordEntry(page, '报上级党委备案', { 备案事项: '发展对象' });
	await logout(page);

	await login(page, 'secretary');
	await openRecord(page, person);
	await expect(checkRow(page, '入党积极分子培训结业证书有效')).toContainText('通过');
	await page.getByRole('button', { name: '办理：确定为发展对象' }).click();
	await expect(page.getByRole('status')).toContainText('已办理：确定为发展对象');
	await expect(page.locator('dl.facts').first()).toContainText('发展对象');
	await expect(page.getByRole('table', { name: '纪实档案' })).toContainText('阶段变更');
});

test('an organizer of a college committee records the approval', async ({ page }, info) => {
	const person = mine(accounts.forCommittee, info);
	await login(page, 'organizer');
	await openRecord(page, person);
	const panel = page.getByRole('region', { name: '审批接收为预备党员' });
	await expect(panel).toContainText('除党委审批本身外，各项条件均已满足');
	await expect(panel.getByLabel('党委审批日期')).toHaveValue(today());
	await panel.getByRole('button', { name: '审批接收为预备党员' }).click();
	await expect(page.getByRole('status')).toContainText('已办理：审批接收为预备党员');
	await expect(page.locator('dl.facts').first()).toContainText('预备党员');
	await expect(page.getByRole('table', { name: '纪实档案' })).toContainText('计算机学院党委审批接收预备党员');
});

test('a general branch cannot approve; the school committee can', async ({ page }, info) => {
	const person = mine(accounts.underGeneralBranch, info);
	await login(page, 'organizer2');
	await openRecord(page, person);
	const panel = page.getByRole('region', { name: '审批接收为预备党员' });
	await expect(panel.getByRole('note')).toContainText('无审批权');
	await panel.getByRole('button', { name: '审批接收为预备党员' }).click();
	await expect(page.getByRole('alert')).toContainText('医学院党总支为党总支，无审批权');
	await expect(page.locator('dl.facts').first()).toContainText('发展对象');
	await logout(page);

	await login(page, 'admin');
	await openRecord(page, person);
	await page.getByRole('region', { name: '审批接收为预备党员' }).getByRole('button', { name: '审批接收为预备党员' }).click();
	await expect(page.getByRole('status')).toContainText('已办理：审批接收为预备党员');
	await expect(page.getByRole('table', { name: '纪实档案' })).toContainText('示范大学党委审批接收预备党员');
});
