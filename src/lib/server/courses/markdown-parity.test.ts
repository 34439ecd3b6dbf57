import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compile } from 'mdsvex';
import { render } from 'svelte/server';
import type { Component } from 'svelte';
import { renderLessonMarkdown } from './markdown';

const root = resolve('content/courses');
const components = resolve('src/lib/lesson/components/index.ts');
const dir = mkdtempSync(join(tmpdir(), 'dx-parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function normalise(html: string) {
	return html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/\s*\/>/g, '>')
		.replace(/ (controls|data-lx-video)=""/g, ' $1')
		.replace(/ rel="nofollow"/g, '')
		.replace(/>\s+</g, '><')
		.trim();
}

/** The lesson as content/ shows it: mdsvex, then Svelte's server render with the lesson components. */
async function mdsvexRender(source: string, name: string) {
	const out = await compile(source, {});
	const code = out!.code.replace(/<script context="module">[\s\S]*?<\/script>/, '');
	const file = join(dir, `${name}.svelte`);
	writeFileSync(file, `<script>import { KeyPoint, Figure, Video, Practice } from '${components}';</script>\n${code}`);
	const mod = (await import(/* @vite-ignore */ file)) as { default: Component };
	return render(mod.default).body;
}

const lessons = readdirSync(root).flatMap((course) =>
	readdirSync(join(root, course))
		.filter((f) => /^\d{2}-.*\.md$/.test(f))
		.map((f) => [`${course}/${f}`, join(root, course, f)])
);

// What the content/ lessons don't happen to use yet.
const sample = [
	'## 小节', '', '正文 *强调* **加粗** `代码` ~~删除~~ 与“引号”、"直引号" -- 破折号...', '',
	'1. 一', '2. 二', '', '> 引用', '', '| 左 | 右 |', '|:--|--:|', '| 1 | 2 |', '',
	'[链接](https://www.12371.cn "共产党员网") https://www.gov.cn', '', '![图](https://example.org/a.png)', '',
	'<KeyPoint title="提示">', '', '1. 甲', '2. 乙', '', '<Figure src="https://example.org/b.png" caption="图二" />', '', '</KeyPoint>', '',
	'<Video src="https://example.org/v.mp4" title="党课视频" />', '', '---', '', '### 小结'
].join('\n');

describe('browser lessons look like content/ lessons', () => {
	it.each(lessons)('%s renders to the same markup as mdsvex', async (name, path) => {
		// content/ figures are relative files; in the browser they are uploads or https addresses.
		const source = readFileSync(path, 'utf8').replace(/src="figures\//g, 'src="https://example.org/figures/');
		const body = source.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, '');
		const expected = normalise(await mdsvexRender(source, name.replace(/\W/g, '_')));
		expect(expected).toContain('<h2>');
		expect(normalise(renderLessonMarkdown(body))).toBe(expected);
	});

	it('renders every other feature the same as mdsvex', async () => {
		const expected = normalise(await mdsvexRender(sample, 'sample'));
		expect(normalise(renderLessonMarkdown(sample))).toBe(expected);
	});
});
