import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorizeCourse } from '$lib/server/courses/access';
import { getQuestion, setArchived, updateQuestion } from '$lib/server/quiz/bank';
import { questionFormOf, questionFormValues, questionFromForm } from '$lib/server/quiz/question-form';

async function load_(db: App.Locals['db'], params: { courseId: string; questionId: string }) {
	const q = await getQuestion(db, Number(params.questionId));
	if (!q || q.courseId !== Number(params.courseId)) error(404, '未找到该题目');
	return q;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await authorizeCourse(locals.db, Number(params.courseId), 'bank.manage');
	const q = await load_(locals.db, params);
	return {
		course: { id: q.courseId, code: q.courseCode, title: q.courseTitle },
		question: { id: q.id, code: q.code, source: q.source, archived: q.archivedAt !== null, keyVersion: q.keyVersion, answered: Number(q.answered ?? 0), updatedAt: q.updatedAt },
		values: questionFormOf(q),
		created: url.searchParams.has('created')
	};
};

export const actions = {
	save: async ({ locals, params, request }) => {
		const { user } = await authorizeCourse(locals.db, Number(params.courseId), 'bank.manage');
		const q = await load_(locals.db, params);
		const values = questionFormValues(await request.formData());
		const checked = questionFromForm(values);
		if (!checked.ok) return fail(400, { values, errors: checked.errors });
		const result = await updateQuestion(locals.db, user.id, q.id, checked.value);
		if (!result.ok) return fail(400, { values, errors: [result.message] });
		return { saved: true, regraded: result.regraded };
	},
	archive: async ({ locals, params }) => {
		const { user } = await authorizeCourse(locals.db, Number(params.courseId), 'bank.manage');
		const q = await load_(locals.db, params);
		if (!(await setArchived(locals.db, user.id, q.id, q.archivedAt === null))) return fail(400, { errors: ['来自内容文件的题目只能在文件中删除'] });
		return { archived: q.archivedAt === null };
	}
} satisfies Actions;
