import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { hydrated, login } from './helpers';

// An instructor writes a lesson in the browser, with an uploaded image and a live
// preview, and publishes it; learners see nothing before that, and hostile markup in
// a lesson stays inert.

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** One course per test and project: the projects share the database and run at once. */
const courseCode = (prefix: string, info: TestInfo) => `${prefix}-${info.project.name.toUpperCase()}`;

async function createCourse(page: Page, code: string, title: string) {
	await page.goto('/teach');
	await hydrated(page);
	await page.getByRole('link', { name: '新建课程' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '新建课程' })).toBeVisible();
	await page.getByLabel('课程代码').fill(code);
	await page.getByLabel('课程名称').fill(title);
	await page.getByLabel('课程类别').selectOption({ label: '入党积极分子培训' });
	await page.getByRole('button', { name: '创建课程' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

async function addLesson(page: Page, title: string, slug: string) {
	// Typed before hydration, the title would not start the pinyin short name, and the short name
	// would not count as the instructor's own.
	await hydrated(page);
	await page.getByLabel('课时标题').fill(title);
	// The pinyin short name arrives after a lazy import: filled in before it, the two could mix.
	await expect(page.getByLabel('英文短名')).not.toHaveValue('');
	await page.getByLabel('英文短名').fill(slug);
	await expect(page.getByLabel('英文短名')).toHaveValue(slug);
	await page.getByRole('button', { name: '添加课时并编写' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** As the instructor: a new course (code `prefix`-project) with one lesson, its editor open. */
async function newLessonEditor(page: Page, info: TestInfo, prefix: string, courseTitle: string, lesson: { title: string; slug: string }) {
	const code = courseCode(prefix, info);
	await login(page, 'instructor');
	await createCourse(page, code, `${courseTitle} ${info.project.name}`);
	await addLesson(page, lesson.title, lesson.slug);
	return { code, editor: page.getByLabel('正文（Markdown）') };
}

/** No script-capable element, no event handler, no script URL anywhere under `scope`. */
async function expectInert(page: Page, scope: ReturnType<Page['locator']>) {
	expect(await scope.locator('script, iframe, svg, object, embed, style').count()).toBe(0);
	const dangerous = await scope.evaluate((root) =>
		[...root.querySelectorAll('*')].flatMap((el) =>
			[...el.attributes].filter((a) => /^on/i.test(a.name) || /^\s*(javascript|data|vbscript):/i.test(a.value)).map((a) => `${el.tagName} ${a.name}=${a.value}`)
		)
	);
	expect(dangerous).toEqual([]);
	expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
}

async function learnerPage(browser: Browser) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await login(page, 'activist');
	return page;
}

test('an instructor gives a lesson video captions from an uploaded WebVTT file', async ({ page }, testInfo) => {
	const { editor } = await newLessonEditor(page, testInfo, 'CC', '带字幕视频的课程', { title: '党课录像', slug: 'video' });
	await editor.fill('<Video src="https://v.example.org/dangke.mp4" title="党课录像"');
	await editor.press('End');
	const vtt = Buffer.from('WEBVTT\n\n00:00.000 --> 00:03.000\n同学们好，今天学习党的性质和宗旨。\n');
	await page.getByLabel('上传图片、PDF、视频或字幕').setInputFiles({ name: '党课录像.vtt', mimeType: 'text/vtt', buffer: vtt });
	await expect(page.getByRole('status').filter({ hasText: '已上传字幕“党课录像.vtt”' })).toBeVisible();
	await editor.press('End');
	await editor.pressSequentially(' />');
	await expect(editor).toHaveValue(/^<Video src="https:\/\/v\.example\.org\/dangke\.mp4" title="党课录像" captions="\/files\/[0-9a-f-]{36}" \/>$/);

	const track = page.getByRole('region', { name: /预览/ }).locator('video track[kind="captions"]');
	await expect(track).toHaveAttribute('srclang', 'zh');
	const src = await track.getAttribute('src');
	const served = await page.request.get(src!);
	expect(served.headers()['content-type']).toBe('text/vtt; charset=utf-8');
	expect(await served.text()).toContain('同学们好');
});

test('an activist cannot open the authoring pages', async ({ page }) => {
	await login(page, 'activist');
	const response = await page.goto('/teach');
	expect(response?.status()).toBe(403);
	await expect(page.getByText('您没有权限访问该页面')).toBeVisible();
	expect((await page.request.post('/api/preview', { data: { body: '# x' } })).status()).toBe(403);
});

test('an instructor writes, previews and publishes a lesson with an image; the draft stays hidden', async ({ page, browser }, testInfo) => {
	const { code, editor } = await newLessonEditor(page, testInfo, 'AU', '浏览器编写的课程', { title: '发展党员的程序', slug: 'procedure' });
	await editor.fill('## 第一节 基本要求\n\n坚持把政治标准放在首位。\n\n<KeyPoint title="要点">\n\n- 成熟一个，发展一个\n\n</KeyPoint>\n');
	const preview = page.getByRole('region', { name: /预览/ });
	await expect(preview.getByRole('heading', { name: '第一节 基本要求' })).toBeVisible();
	await expect(preview.locator('aside.lx-keypoint')).toContainText('成熟一个，发展一个');

	await page.getByLabel('上传图片、PDF、视频或字幕').setInputFiles({ name: '发展流程.png', mimeType: 'image/png', buffer: png });
	await expect(page.getByRole('status').filter({ hasText: '已上传“发展流程.png”' })).toBeVisible();
	await expect(editor).toHaveValue(/<Figure src="\/files\/[0-9a-f-]{36}" caption="发展流程" \/>/);
	const previewImage = preview.getByRole('img', { name: '发展流程' });
	await expect(previewImage).toBeVisible();
	await expect.poll(() => previewImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

	await page.getByRole('button', { name: '保存草稿' }).click();
	await expect(page.getByRole('status').filter({ hasText: '草稿已保存' })).toBeVisible();
	const withoutMarkers = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '').trim();
	const previewHtml = withoutMarkers(await preview.innerHTML());

	const learner = await learnerPage(browser);
	const lessonUrl = `/courses/${code}/procedure`;
	expect((await learner.goto(lessonUrl))?.status()).toBe(404);

	await page.getByRole('button', { name: '发布', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: '已发布第 1 版' })).toBeVisible();
	await expect(page.getByRole('table', { name: '版本列表' }).getByRole('row')).toHaveCount(2);

	expect((await learner.goto(lessonUrl))?.status()).toBe(200);
	await expect(learner.getByRole('heading', { level: 1, name: '发展党员的程序' })).toBeVisible();
	const body = learner.locator('.lesson-body');
	await expect(body.getByRole('heading', { name: '第一节 基本要求' })).toBeVisible();
	await expect(body.locator('aside.lx-keypoint')).toContainText('成熟一个，发展一个');
	const image = body.getByRole('img', { name: '发展流程' });
	await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
	// The preview came from the same renderer as the published version.
	expect(withoutMarkers(await body.innerHTML())).toBe(previewHtml);

	// A later draft is not what learners see until it is published.
	await editor.fill('## 第二稿\n\n尚未发布的修改。');
	await page.getByRole('button', { name: '保存草稿' }).click();
	await expect(page.getByRole('status').filter({ hasText: '草稿已保存' })).toBeVisible();
	await learner.reload();
	await expect(body.getByRole('heading', { name: '第一节 基本要求' })).toBeVisible();
	await expect(learner.getByText('尚未发布的修改')).toHaveCount(0);
	await learner.context().close();
});

test('an XSS payload in a lesson renders inert, in the preview and for learners', async ({ page }, testInfo) => {
	const dialogs: string[] = [];
	page.on('dialog', async (d) => {
		dialogs.push(d.message());
		await d.dismiss();
	});
	const { code, editor } = await newLessonEditor(page, testInfo, 'AUX', '安全测试课程', { title: '安全测试', slug: 'xss' });
	const payload = [
		'## 安全测试',
		'<script>window.pwned = true; alert(1)</script>',
		'<img src=x onerror="window.pwned = true; alert(2)">',
		'<svg onload=alert(3)>',
		'[点我](javascript:alert(4))',
		'<a href="jav&#x09;ascript:alert(1)">编码链接</a>',
		'<KeyPoint title="x" onmouseover="alert(1)">\n\n框内 <iframe src="javascript:alert(1)"></iframe>\n\n</KeyPoint>',
		'![坏图](javascript:alert(5))',
		'末尾段落'
	].join('\n\n');
	const preview = page.getByRole('region', { name: /预览/ });
	// A component with a script address: inert in the preview, and publishing is refused.
	await editor.fill(`${payload}\n\n<Figure src="javascript:alert(6)" caption="坏图" />`);
	await expect(page.getByRole('list', { name: '组件问题' })).toContainText('Figure 的 src 只能是');
	await expect(preview.getByText('末尾段落')).toBeVisible();
	await expectInert(page, preview);
	await page.getByRole('button', { name: '发布', exact: true }).click();
	await expect(page.getByRole('alert').filter({ hasText: '草稿已保存，但没有发布' })).toBeVisible();

	await editor.fill(payload);
	await expect(page.getByRole('list', { name: '组件问题' })).toHaveCount(0);
	await expectInert(page, preview);
	await page.getByRole('button', { name: '发布', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: '已发布第 1 版' })).toBeVisible();

	expect((await page.goto(`/courses/${code}/xss`))?.status()).toBe(200);
	const body = page.locator('.lesson-body');
	await expect(body.getByText('末尾段落')).toBeVisible();
	// Shown as the text the author typed, not run.
	await expect(body.getByText('<script>window.pwned = true; alert(1)</script>')).toBeVisible();
	await expectInert(page, body);
	await body.getByText('点我').hover();
	await body.locator('aside.lx-keypoint').hover();
	await page.waitForTimeout(300);
	expect(dialogs).toEqual([]);
});
