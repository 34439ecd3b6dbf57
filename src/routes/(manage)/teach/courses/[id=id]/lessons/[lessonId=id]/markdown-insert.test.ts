import { describe, expect, it } from 'vitest';
import { renderLessonMarkdown, lessonMarkdownProblems } from '$lib/server/courses/markdown';
import { insertBlock, keyPoint, practice, prefixLines, table, video, wrap } from './markdown-insert';

// The toolbar inserts what the lesson renderer accepts, so nobody types component tags by hand.

describe('the lesson editor toolbar', () => {
	it('加粗 wraps the selection, or selects a placeholder to type over', () => {
		expect(wrap('党的性质', 2, 4, '**', '加粗文字')).toEqual({ text: '党的**性质**', start: 4, end: 6 });
		expect(wrap('', 0, 0, '**', '加粗文字')).toEqual({ text: '**加粗文字**', start: 2, end: 6 });
	});

	it('标题 and the lists prefix every selected line, replacing a prefix already there', () => {
		expect(prefixLines('第一节', 1, 1, () => '## ', '标题').text).toBe('## 第一节');
		expect(prefixLines('甲\n乙\n丙', 0, 5, (i) => `${i + 1}. `, '列表项').text).toBe('1. 甲\n2. 乙\n3. 丙');
		expect(prefixLines('- 甲\n- 乙', 0, 7, () => '## ', '').text).toBe('## 甲\n## 乙');
		expect(prefixLines('前文\n\n', 4, 4, () => '- ', '列表项')).toEqual({ text: '前文\n\n- 列表项', start: 6, end: 9 });
	});

	it('puts components on lines of their own with blank lines around, which the renderer reads as components', () => {
		const kp = keyPoint('成熟一个，发展一个');
		const source = [
			(t: string) => insertBlock(t, t.length, t.length, table),
			(t: string) => insertBlock(t, t.length, t.length, kp.block, kp.select),
			(t: string) => insertBlock(t, 2, 2, video('https://v.example.org/a.mp4', '党课"录像"')),
			(t: string) => insertBlock(t, t.length, t.length, practice('act-012'))
		].reduce((t, step) => step(t).text, '正文 在此');
		expect(lessonMarkdownProblems(source)).toEqual([]);
		const html = renderLessonMarkdown(source);
		expect(html).toContain('<table>');
		expect(html).toContain('<aside class="lx-keypoint"><p class="lx-keypoint-title">要点</p><div class="lx-keypoint-body"><p>成熟一个，发展一个</p>');
		expect(html).toContain('<video controls preload="metadata" src="https://v.example.org/a.mp4" data-lx-video title="党课录像">');
		expect(html).toContain('data-question-id="act-012"');
		expect(source.startsWith('正文\n\n<Video')).toBe(true);
	});

	it('selects the KeyPoint placeholder so that typing replaces it', () => {
		const kp = keyPoint('');
		const edit = insertBlock('', 0, 0, kp.block, kp.select);
		expect(edit.text.slice(edit.start, edit.end)).toBe('要点内容');
	});
});
