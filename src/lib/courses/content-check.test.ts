import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkContent } from './content-check';
import { frontmatterProblems } from './frontmatter';

function tree(files: Record<string, string>) {
	const root = mkdtempSync(join(tmpdir(), 'dx-content-'));
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(join(root, path, '..'), { recursive: true });
		writeFileSync(join(root, path), text);
	}
	return root;
}

const course = '---\ntitle: 测试课程\ncode: TEST\ncategory: 入党积极分子培训\ndescription: 简介\ncreditHours: 4\n---\n';
const lesson = (extra: string) => `---\ntitle: 第一课\norder: 1\n${extra}\n---\n正文`;

describe('content check', () => {
	it('accepts the shipped curriculum', () => {
		expect(checkContent(process.cwd())).toEqual([]);
	});

	it('names the file and the field of bad front matter', () => {
		const root = tree({
			'content/courses/test/course.md': course,
			'content/courses/test/01-first.md': lesson('creditHours: 两个\nrequired: true')
		});
		expect(checkContent(root)).toEqual([expect.stringMatching(/content\/courses\/test\/01-first\.md: 字段 creditHours：/)]);
	});

	it('reports a missing field, an unknown category, bad YAML and duplicate orders', () => {
		expect(frontmatterProblems('a.md', lesson('creditHours: 2'), 'lesson')).toEqual([expect.stringContaining('字段 required：')]);
		expect(frontmatterProblems('c.md', course.replace('入党积极分子培训', '夜校'), 'course')).toEqual([expect.stringContaining('字段 category：应为')]);
		expect(frontmatterProblems('b.md', '---\ntitle: [unclosed\n---\n', 'lesson')[0]).toContain('不是有效的 YAML');
		const root = tree({
			'content/courses/test/course.md': course,
			'content/courses/test/01-first.md': lesson('creditHours: 1\nrequired: true'),
			'content/courses/test/02-second.md': lesson('creditHours: 1\nrequired: true'),
			'content/courses/test/notes.md': lesson('creditHours: 1\nrequired: true')
		});
		const problems = checkContent(root);
		expect(problems).toContainEqual(expect.stringMatching(/02-second\.md: 字段 order：与 01-first\.md 重复/));
		expect(problems).toContainEqual(expect.stringMatching(/notes\.md: 课时文件名应为/));
	});
});
