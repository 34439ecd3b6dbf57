import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { hydrated, login } from './helpers';

// The lesson editor keeps work: it saves the draft by itself, asks before an in-app link leaves
// unsaved text behind, writes Markdown and components from a toolbar, uploads an image dropped on
// the text, and fills the lesson's English short name from its Chinese title. On a 390 px phone
// too: nothing wider than the screen, every button a 44 px target.

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

test.beforeEach(async ({ page }, info) => {
	if (info.project.name === 'phone') await page.setViewportSize({ width: 390, height: 844 });
});

/** As the instructor: a new course (one per test and project) with one lesson whose short name came from its title. */
async function newLesson(page: Page, info: TestInfo, prefix: string) {
	await login(page, 'instructor');
	await page.goto('/teach/courses/new');
	await hydrated(page);
	await page.getByLabel('课程代码').fill(`${prefix}-${info.project.name.toUpperCase()}`);
	await page.getByLabel('课程名称').fill(`编辑器测试 ${prefix} ${info.project.name}`);
	await page.getByLabel('课程类别').selectOption({ label: '入党积极分子培训' });
	await page.getByRole('button', { name: '创建课程' }).click();
	await expect(page.getByRole('heading', { level: 2, name: '添加课时' })).toBeVisible();
	await hydrated(page);
	await page.getByLabel('课时标题').fill('发展党员的程序');
	await expect(page.getByLabel('英文短名')).toHaveValue('fa-zhan-dang-yuan-de-cheng-xu');
	await page.getByRole('button', { name: '添加课时并编写' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '发展党员的程序' })).toBeVisible();
	await hydrated(page);
	return page.getByLabel('正文（Markdown）');
}

const saveStatus = (page: Page) => page.locator('.save-status');

test('the English short name follows the title until the instructor writes their own', async ({ page }, info) => {
	await newLesson(page, info, 'EDS');
	await page.goto(page.url().replace(/\/lessons\/\d+$/, ''));
	await hydrated(page);
	const title = page.getByLabel('课时标题');
	const slug = page.getByLabel('英文短名');
	// The course already has fa-zhan-dang-yuan-de-cheng-xu: the derived name steps around it.
	await title.fill('发展党员的程序');
	await expect(slug).toHaveValue('fa-zhan-dang-yuan-de-cheng-xu-2');
	await title.fill('党的纪律');
	await expect(slug).toHaveValue('dang-de-ji-lv');
	await slug.fill('discipline');
	await title.fill('党的纪律（修订）');
	await expect(slug).toHaveValue('discipline');
	await page.getByRole('button', { name: '添加课时并编写' }).click();
	await expect(page).toHaveURL(/\/lessons\/\d+$/);
	await page.getByRole('link', { name: /← 返回/ }).click();
	await expect(page.getByRole('row').filter({ hasText: '党的纪律（修订）' })).toContainText('discipline');
});

test('typed text is saved by itself and is still there after a reload', async ({ page }, info) => {
	const editor = await newLesson(page, info, 'EDA');
	await editor.fill('## 第一节\n\n坚持把政治标准放在首位。');
	await expect(saveStatus(page)).toHaveText('有未保存的修改');
	await expect(saveStatus(page)).toHaveText(/^已自动保存 \d\d:\d\d:\d\d$/);
	await expect(saveStatus(page)).toHaveAttribute('aria-live', 'polite');
	await page.reload();
	await expect(page.getByLabel('正文（Markdown）')).toHaveValue('## 第一节\n\n坚持把政治标准放在首位。');
	// The result of a button is shown beside the buttons.
	await hydrated(page);
	await page.getByRole('button', { name: '发布', exact: true }).click();
	const beside = page.locator('.bar');
	await expect(beside.getByRole('status').filter({ hasText: '已发布第 1 版' })).toBeInViewport();
});

test('an in-app link asks before leaving unsaved text behind', async ({ page }, info) => {
	const editor = await newLesson(page, info, 'EDL');
	const editorUrl = page.url();
	const asked: string[] = [];
	page.on('dialog', async (d) => {
		asked.push(`${d.type()}: ${d.message()}`);
		await d.dismiss();
	});
	// Offline, so the save the click's blur starts cannot land first and make the text saved.
	await page.context().setOffline(true);
	await editor.fill('还没保存的一句话');
	await page.getByRole('link', { name: /← 返回/ }).click();
	await expect.poll(() => asked).toEqual(['confirm: 本页有尚未保存的修改，离开会丢失这些修改。确定要离开吗？']);
	expect(page.url()).toBe(editorUrl);
	await expect(editor).toHaveValue('还没保存的一句话');
	await page.context().setOffline(false);
	// Saved: the link leaves without asking.
	await expect(saveStatus(page)).toHaveText(/已自动保存/);
	await page.getByRole('link', { name: /← 返回/ }).click();
	await expect(page.getByRole('heading', { level: 2, name: '添加课时' })).toBeVisible();
	expect(asked).toHaveLength(1);
});

test('the toolbar writes headings, bold and components; an image dropped on the text is uploaded as a Figure', async ({ page }, info) => {
	const editor = await newLesson(page, info, 'EDT');
	const toolbar = page.getByRole('toolbar', { name: '格式与组件' });
	await editor.fill('党的性质');
	await editor.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 4));
	await toolbar.getByRole('button', { name: '加粗' }).click();
	await expect(editor).toHaveValue('**党的性质**');
	await toolbar.getByRole('button', { name: '标题' }).click();
	await expect(editor).toHaveValue('## **党的性质**');
	// Keyboard: one tab stop, the arrow keys move along the bar.
	await toolbar.getByRole('button', { name: '标题' }).focus();
	await page.keyboard.press('ArrowRight');
	await expect(toolbar.getByRole('button', { name: '加粗' })).toBeFocused();

	await editor.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
	const chooser = page.waitForEvent('filechooser');
	await toolbar.getByRole('button', { name: '图片' }).click();
	await (await chooser).setFiles({ name: '发展流程.png', mimeType: 'image/png', buffer: png });
	await expect(editor).toHaveValue(/^## \*\*党的性质\*\*\n\n<Figure src="\/files\/[0-9a-f-]{36}" caption="发展流程" \/>\n\n$/);

	const drop = await page.evaluateHandle((bytes) => {
		const data = new DataTransfer();
		data.items.add(new File([new Uint8Array(bytes)], '入党誓词.png', { type: 'image/png' }));
		return data;
	}, [...png]);
	await editor.dispatchEvent('dragover', { dataTransfer: drop });
	await editor.dispatchEvent('drop', { dataTransfer: drop });
	await expect(editor).toHaveValue(/<Figure src="\/files\/[0-9a-f-]{36}" caption="入党誓词" \/>/);
	const preview = page.getByRole('region', { name: /预览/ });
	await expect(preview.getByRole('img', { name: '入党誓词' })).toBeAttached();

	await toolbar.getByRole('button', { name: '视频' }).click();
	await page.getByLabel('视频地址').fill('https://v.example.org/dangke.mp4');
	await page.getByLabel('视频标题').fill('党课录像');
	await page.getByRole('button', { name: '插入视频' }).click();
	await expect(editor).toHaveValue(/\n\n<Video src="https:\/\/v\.example\.org\/dangke\.mp4" title="党课录像" \/>\n\n/);
	await toolbar.getByRole('button', { name: '要点' }).click();
	await page.keyboard.type('成熟一个，发展一个');
	await expect(preview.locator('aside.lx-keypoint')).toContainText('成熟一个，发展一个');
	await expect(page.getByRole('list', { name: '组件问题' })).toHaveCount(0);

	// A phone: every toolbar button a 44 px target, and nothing wider than the screen.
	for (const button of await toolbar.getByRole('button').all()) {
		const box = (await button.boundingBox())!;
		expect(box.height).toBeGreaterThanOrEqual(44);
		expect(box.width).toBeGreaterThanOrEqual(44);
	}
	const width = page.viewportSize()!.width;
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
	await expect(saveStatus(page)).toHaveText(/已自动保存/);
	// No serious accessibility fault in the editor, with the 练习 panel open (as a11y.spec.ts counts them).
	await toolbar.getByRole('button', { name: '练习' }).click();
	await expect(page.getByRole('group', { name: '插入练习题' })).toBeVisible();
	const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
});

test('a network drop is retried with the text kept; a newer draft from another tab is not overwritten', async ({ page }, info) => {
	const editor = await newLesson(page, info, 'EDR');
	// The first two saves never reach the server.
	let dropped = 0;
	await page.route(/\?\/saveDraft$/, (route) => (dropped++ < 2 ? route.abort('internetdisconnected') : route.continue()));
	await editor.fill('断网时写的正文');
	await expect(saveStatus(page)).toHaveText('保存失败，正在重试（修改仍在编辑框中）');
	await expect(editor).toHaveValue('断网时写的正文');
	await expect(saveStatus(page)).toHaveText(/已自动保存/, { timeout: 30_000 });
	expect(dropped).toBeGreaterThanOrEqual(3);

	// Another tab saves the same draft; this one, still on the older revision, must not overwrite it.
	const other = await page.context().newPage();
	await other.goto(page.url());
	await hydrated(other);
	await other.getByLabel('正文（Markdown）').fill('另一个标签页的正文');
	await expect(other.locator('.save-status')).toHaveText(/已自动保存/);
	await editor.fill('本页后来写的正文');
	const notice = page.getByRole('alert').filter({ hasText: '为免覆盖对方的修改，本次没有保存' });
	await expect(notice).toBeVisible();
	await other.reload();
	await expect(other.getByLabel('正文（Markdown）')).toHaveValue('另一个标签页的正文');
	// Having been told, the person may keep theirs.
	await notice.getByRole('button', { name: '用我的内容覆盖' }).click();
	await expect(saveStatus(page)).toHaveText(/已自动保存/);
	await other.reload();
	await expect(other.getByLabel('正文（Markdown）')).toHaveValue('本页后来写的正文');
	await other.close();
});
