import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorizeCourse } from '$lib/server/courses/access';
import { createQuestion } from '$lib/server/quiz/bank';
import { questionFormOf, questionFormValues, questionFromForm } from '$lib/server/quiz/question-form';
import { bankCourse } from '$lib/server/quiz/bank';
import { once } from '$lib/server/http/idempotency';

export const load: PageServerLoad = async ({ locals, params }) => {
	await authorizeCourse(locals.db, Number(params.courseId), 'bank.manage');
	return { course: await bankCourse(locals.db, params.courseId), values: questionFormOf() };
};

export const actions = {
	default: async ({ locals, params, request }) => {
		const { user } = await authorizeCourse(locals.db, Number(params.courseId), 'bank.manage');
		const course = await bankCourse(locals.db, params.courseId);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'question.create' }, async (trx) => {
			const values = questionFormValues(form);
			const checked = questionFromForm(values);
			if (!checked.ok) return fail(400, { values, errors: checked.errors });
			const id = await createQuestion(trx, user.id, course.id, checked.value);
			redirect(303, `/bank/${course.id}/q/${id}?created=1`);
		});
	}
} satisfies Actions;
