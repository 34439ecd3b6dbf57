import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, hydrated, login, logout, mainNav, screenshot, students, submitLogin } from './helpers';

// Exactly what src/lib/server/nav/menu.ts gives each demo account: change both together.
const learner = ['首页', '我的培训班', '课程', '课程安排', '我的考试', '入党进程', '我的档案'];
const roles: { username: string; name: string; nav: string[] }[] = [
	{ username: 'admin', name: '组织部管理员', nav: [...learner, '教学管理', '题库', '培训班管理', '集中授课', '考试管理', '结业与证书', '发展党员', '推优登记', '人员管理', '组织机构', '审计日志', '系统设置', '接口令牌'] },
	{ username: 'organizer', name: '计算机学院组织员', nav: [...learner, '培训班管理', '集中授课', '考试管理', '结业与证书', '发展党员', '人员管理', '组织机构', '审计日志'] },
	{ username: 'secretary', name: '陈书记', nav: [...learner, '培训班管理', '集中授课', '考试管理', '结业与证书', '发展党员', '人员管理', '组织机构'] },
	{ username: 'secretary2', name: '林书记', nav: [...learner, '培训班管理', '集中授课', '考试管理', '结业与证书', '发展党员', '人员管理', '组织机构'] },
	{ username: 'instructor', name: '党校授课教师', nav: [...learner, '教学管理', '题库', '培训班管理', '集中授课', '考试管理', '结业与证书'] },
	{ username: 'league', name: '计算机学院团委', nav: [...learner, '推优登记', '人员管理', '组织机构'] },
	{ username: 'activist', name: '张晓明', nav: learner },
	{ username: 'activist2', name: '李雨萱', nav: learner }
];

test('the login page asks for 学号/工号 and password and names the demo accounts', async ({ page }, testInfo) => {
	await page.goto('/login');
	await expect(page.getByRole('heading', { name: '登录网上党校' })).toBeVisible();
	await expect(page.getByLabel('学号/工号')).toBeVisible();
	await expect(page.getByLabel('密码', { exact: true })).toHaveAttribute('type', 'password');
	await expect(page.getByRole('note').filter({ hasText: '演示数据' })).toContainText(DEMO_PASSWORD);
	await expect(page.getByRole('navigation', { name: '主导航' })).toHaveCount(0);
	await screenshot(page, testInfo, 'login');
});

for (const role of roles) {
	test(`${role.username} sees exactly the navigation of their role`, async ({ page }, testInfo) => {
		await login(page, role.username);
		await expect(page).toHaveURL(/\/$/);
		const nav = await mainNav(page);
		await expect(nav.getByRole('link')).toHaveText(role.nav);
		await expect(nav).toContainText(`${role.name}（${role.username}）`);
		await screenshot(page, testInfo, `home-${role.username}`);
	});
}

test('a wrong password is refused with a message that does not say which part was wrong', async ({ page }) => {
	await submitLogin(page, 'admin', 'not-the-password');
	await expect(page).toHaveURL(/\/login/);
	await expect(page.getByRole('alert')).toHaveText('学号/工号或密码不正确');
	await expect(page.getByLabel('学号/工号')).toHaveValue('admin');
	await expect(page.getByRole('navigation', { name: '主导航' })).toHaveCount(0);
});

test('five failures lock the username from that address and the sixth attempt is told what and how long', async ({ page }, testInfo) => {
	// One student per project: both projects share the server and its counts.
	const username = testInfo.project.name === 'phone' ? students.throttlePhone : students.throttleDesktop;
	for (let i = 0; i < 5; i++) {
		await submitLogin(page, username, `wrong-${i}`);
		await expect(page.getByRole('alert')).toHaveText('学号/工号或密码不正确');
	}
	await submitLogin(page, username, 'wrong-5');
	await expect(page.getByRole('alert')).toContainText(/此账号在你当前的网络地址登录失败次数过多，已锁定 1[45] 分钟/);
});

test('signing in from a link whose redirectTo leaves the site lands on the home page', async ({ page, baseURL }) => {
	// Browsers drop the tab and would read //evil.example: another host.
	await page.goto('/login?redirectTo=/%09/evil.example');
	await hydrated(page);
	await page.getByLabel('学号/工号').fill('activist');
	await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL(new URL('/', baseURL).href);
});

test('logging out ends the session', async ({ page }) => {
	await login(page, 'activist');
	await logout(page);
	await expect(page.getByRole('heading', { name: '登录网上党校' })).toBeVisible();
	await page.goto('/me');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fme$/);
});

test('/healthz answers 200 with the database engine', async ({ request }) => {
	const res = await request.get('/healthz');
	expect(res.status()).toBe(200);
	expect(res.headers()['cache-control']).toBe('no-store');
	const body = await res.json();
	expect(body).toMatchObject({
		status: 'ok',
		database: { engine: process.env.E2E_DATABASE_URL ? 'postgresql' : 'pglite' },
		migrations: { pending: [] }
	});
});
