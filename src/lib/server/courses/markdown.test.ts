import { describe, expect, it } from 'vitest';
import { createRawSnippet } from 'svelte';
import { render } from 'svelte/server';
import sanitizeHtml from 'sanitize-html';
import { KeyPoint, Figure, Video, Practice } from '$lib/lesson/components';
import { isSafeMediaUrl, lessonMarkdownProblems, renderLessonMarkdown } from './markdown';
import { xssCorpus } from './xss-corpus';

const FILE = '/files/0b7e2a0c-1111-4222-8333-444455556666';

/** Every element and attribute of an HTML string, as a browser would parse it. */
function elements(html: string) {
	const found: { tag: string; attribs: Record<string, string> }[] = [];
	sanitizeHtml(html, {
		allowedTags: false,
		allowedAttributes: false,
		allowVulnerableTags: true,
		transformTags: {
			'*': (tag, attribs) => {
				found.push({ tag, attribs });
				return { tagName: tag, attribs };
			}
		}
	});
	return found;
}

const allowedTags = new Set(
	'h1 h2 h3 h4 h5 h6 p br hr ul ol li blockquote pre code em strong s del a img table thead tbody tr th td aside div figure figcaption video track'.split(' ')
);

/** Hydration markers and serialisation details aside, the same markup. */
function normalise(html: string) {
	return html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/\s*\/>/g, '>')
		.replace(/ (controls|data-lx-video|default)=""/g, ' $1')
		.replace(/>\s+</g, '><')
		.trim();
}

describe('renderLessonMarkdown: the four components', () => {
	it('renders KeyPoint like the Svelte component, with its Markdown inside', () => {
		const out = renderLessonMarkdown('<KeyPoint title="入党要点">\n\n- 一\n- **二**\n\n</KeyPoint>');
		expect(out).toBe(
			'<aside class="lx-keypoint"><p class="lx-keypoint-title">入党要点</p><div class="lx-keypoint-body"><ul>\n<li>一</li>\n<li><strong>二</strong></li>\n</ul>\n</div></aside>\n'
		);
		const svelte = render(KeyPoint, {
			props: { title: '入党要点', children: createRawSnippet(() => ({ render: () => '<ul><li>一</li><li><strong>二</strong></li></ul>' })) }
		}).body;
		expect(normalise(out)).toBe(normalise(svelte));
	});

	it('gives KeyPoint the default title 要点', () => {
		expect(renderLessonMarkdown('<KeyPoint>\n\n正文\n\n</KeyPoint>')).toContain('<p class="lx-keypoint-title">要点</p>');
	});

	it('renders Figure, Video and Practice exactly as the components do', () => {
		const cases = [
			[`<Figure src="${FILE}" caption="发展党员的五个阶段" />`, render(Figure, { props: { src: FILE, caption: '发展党员的五个阶段' } }).body],
			['<Video src="https://v.example.org/a.mp4" title="党课" />', render(Video, { props: { src: 'https://v.example.org/a.mp4', title: '党课' } }).body],
			[`<Video src="${FILE}" title="党课" captions="${FILE}" />`, render(Video, { props: { src: FILE, title: '党课', captions: FILE } }).body],
			['<Practice id="act-012" />', render(Practice, { props: { id: 'act-012' } }).body]
		];
		for (const [source, svelte] of cases) expect(normalise(renderLessonMarkdown(source))).toBe(normalise(svelte));
		expect(renderLessonMarkdown(`<Figure src="${FILE}" caption="图 & 说明" />`)).toBe(
			`<figure class="lx-figure"><img src="${FILE}" alt="图 &amp; 说明" loading="lazy" /><figcaption>图 &amp; 说明</figcaption></figure>\n`
		);
		expect(renderLessonMarkdown('<Practice id="act-012" />')).toBe(
			'<div class="lx-practice" data-question-id="act-012"><p class="lx-practice-placeholder">练习题（开启 JavaScript 后可作答）</p></div>\n'
		);
	});

	it('gives a video its captions track, only from a safe address', () => {
		expect(renderLessonMarkdown(`<Video src="${FILE}" title="党课" captions="${FILE}" />`)).toContain(
			`<track kind="captions" src="${FILE}" srclang="zh" label="中文字幕" default="" />`
		);
		expect(renderLessonMarkdown(`<Video src="${FILE}" title="党课" />`)).not.toContain('<track');
		expect(lessonMarkdownProblems(`<Video src="${FILE}" title="党课" captions="javascript:alert(1)" />`)).toEqual([
			'第 1 行：Video 的 captions 只能是 https:// 地址或上传后的 /files/… 地址，且须以 /> 结尾'
		]);
		// A bad captions address makes the whole tag text, as a bad src does.
		for (const bad of ['javascript:alert(1)', 'data:text/vtt,WEBVTT', '//evil.example/x.vtt']) {
			const out = renderLessonMarkdown(`<Video src="${FILE}" title="党课" captions="${bad}" />`);
			expect(out).not.toContain('<track');
			expect(out).not.toContain('<video');
		}
	});

	it('drops unknown attributes and accepts single quotes', () => {
		const out = renderLessonMarkdown(`<Figure src='${FILE}' caption='图' width="9" />`);
		expect(out).toContain(`<img src="${FILE}" alt="图" loading="lazy" />`);
		expect(out).not.toContain('width');
	});

	it('leaves a component inside a code block alone', () => {
		const out = renderLessonMarkdown('```\n<Practice id="act-012" />\n```');
		expect(out).toBe('<pre><code>&lt;Practice id="act-012" /&gt;\n</code></pre>\n');
	});

	it('shows a component it cannot accept as text, and says why', () => {
		const source = '<Figure src="figures/a.svg" caption="x" />\n\n<Practice />\n\n<KeyPoint>\n\n没有结束\n\n<Widget />\n\n![流程](figures/a.png)';
		expect(renderLessonMarkdown(source)).not.toMatch(/<figure|lx-practice|<aside/);
		expect(lessonMarkdownProblems(source)).toEqual([
			'第 1 行：Figure 的 src 只能是 https:// 地址或上传后的 /files/… 地址，且须以 /> 结尾',
			'第 3 行：Practice 缺少 id 或格式不正确（如 <Practice id="act-012" />）',
			'第 5 行：KeyPoint 缺少结束标签 </KeyPoint>',
			'第 9 行：不支持的组件 <Widget>，只能使用 KeyPoint、Figure、Video、Practice',
			'第 11 行：图片“流程”的地址只能是 https:// 地址或上传后的 /files/… 地址'
		]);
		expect(lessonMarkdownProblems(`<Figure src="${FILE}" caption="x" />`)).toEqual([]);
	});

	it('writes tables, quotes and dashes the way mdsvex does', () => {
		expect(renderLessonMarkdown('| a | b |\n|:--|--:|\n| 1 | 2 |')).toContain('<th align="left">a</th>\n<th align="right">b</th>');
		expect(renderLessonMarkdown('他说 "好" -- 然后...')).toBe('<p>他说 “好” — 然后…</p>\n');
		expect(renderLessonMarkdown('见 https://www.12371.cn')).toBe('<p>见 <a href="https://www.12371.cn" rel="nofollow">https://www.12371.cn</a></p>\n');
	});
});

describe('isSafeMediaUrl', () => {
	it('accepts http(s) and uploaded files only', () => {
		expect([FILE, 'https://a.example/x.png', 'http://a.example/x.png'].every(isSafeMediaUrl)).toBe(true);
		for (const bad of ['/files/../x', '/files/abc', 'figures/a.svg', 'javascript:alert(1)', 'data:image/png;base64,AA', '//evil.example/x', 'https://u:p@a.example/']) {
			expect(isSafeMediaUrl(bad), bad).toBe(false);
		}
	});
});

describe('XSS corpus', () => {
	it('has at least 30 payloads', () => {
		expect(xssCorpus.length).toBeGreaterThanOrEqual(30);
	});

	it.each(xssCorpus.map((p) => [p]))('renders %j inert', (payload) => {
		// Alone, and inside a KeyPoint where the inner Markdown is rendered recursively.
		for (const source of [payload, `<KeyPoint>\n\n${payload}\n\n</KeyPoint>`, `前文\n${payload}\n后文`]) {
			const html = renderLessonMarkdown(source);
			expect(html).not.toMatch(/<script/i);
			for (const { tag, attribs } of elements(html)) {
				expect(allowedTags.has(tag), `<${tag}> in ${html}`).toBe(true);
				for (const [name, value] of Object.entries(attribs)) {
					expect(name, `attribute in ${html}`).not.toMatch(/^on/i);
					expect(name).not.toBe('style');
					if (name === 'href' || name === 'src') {
						// eslint-disable-next-line no-control-regex
						const url = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
						expect(url, html).toMatch(/^(https?:\/\/|mailto:|\/[^/]|#)|^[^:]*$/);
						expect(url).not.toContain('script:');
					}
				}
			}
		}
	});
});
