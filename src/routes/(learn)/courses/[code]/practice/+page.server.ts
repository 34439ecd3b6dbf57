import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { getCourse } from '$lib/server/courses/catalog';
import { drawPracticeSet, gradePracticeSet } from '$lib/server/courses/practice-exam';
import { formFields, many, parseForm } from '$lib/validation/form';

// 练习测验 of a course: any signed-in learner who may open its lessons may practise (the
// catalog is open, as the lesson pages are). Nothing is stored; see practice-exam.ts.

const setForm = z.object({
	q: many(z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, '题目编号无效，请重新开始练习')).refine((ids) => ids.length > 0 && ids.length <= 50, '没有可评分的题目，请重新开始练习')
});

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requireUser();
	const course = await getCourse(locals.db, params.code);
	if (!course) error(404, '未找到该课程');
	const set = await drawPracticeSet(locals.db, user.id, course.code);
	return { course: { code: course.code, title: course.title }, ...(set.ok ? { questions: set.questions, refusal: null } : { questions: [], refusal: set.message }) };
};

export const actions = {
	default: async ({ locals, params, request }) => {
		const user = requireUser();
		const course = await getCourse(locals.db, params.code);
		if (!course) error(404, '未找到该课程');
		const parsed = await parseForm(request, setForm);
		if (!parsed.ok) return parsed.failure;
		const fields = formFields(parsed.form);
		// Answers are named by position (a-0, a-1, …): the same field names whichever questions were drawn.
		const sent = (n: number) => [fields[`a-${n}`] ?? []].flat().filter((v): v is string => typeof v === 'string');
		const graded = await gradePracticeSet(locals.db, user.id, course.code, parsed.data.q.map((id, n) => ({ id, sent: sent(n) })));
		if (!graded.ok) return fail(400, { message: graded.message });
		return { results: graded.results, right: graded.right };
	}
} satisfies Actions;
