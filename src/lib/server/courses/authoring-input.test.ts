import { describe, expect, it } from 'vitest';
import { courseInput, draftInput } from './authoring';

// A NUL pasted into a title or body used to reach PostgreSQL, which refused it with an error the
// instructor saw as a generic failure; the form now says which field holds what.
describe('authoring forms refuse text PostgreSQL cannot store', () => {
	const lesson = { title: '党的基本知识', slug: 'basics', creditHours: 1, minMinutes: 10, required: 'on', body: '# 标题\n\n\t正文' };

	it('a NUL in a lesson title or body is refused with a Chinese message naming the field', () => {
		expect(draftInput.safeParse(lesson).success).toBe(true);
		for (const [field, label] of [['title', '课时标题'], ['body', '正文']] as const) {
			const parsed = draftInput.safeParse({ ...lesson, [field]: `党的\u0000知识` });
			expect(parsed.success).toBe(false);
			expect(parsed.error?.issues[0].message).toContain(`${label}含有无法识别的字符`);
		}
	});

	it('a NUL or broken UTF-8 in a course title or description is refused', () => {
		const course = { code: 'ACT2', title: '入党积极分子培训', category: courseInput.shape.category.options[0], description: '', creditHours: 24, certificateValidityMonths: 24 };
		expect(courseInput.safeParse(course).success).toBe(true);
		expect(courseInput.safeParse({ ...course, title: '入党\u0000积极分子' }).success).toBe(false);
		expect(courseInput.safeParse({ ...course, description: '简介\ufffd' }).success).toBe(false);
	});
});
