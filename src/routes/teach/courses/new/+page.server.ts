import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { newCourseOwner } from '$lib/server/courses/access';
import { courseInput, createCourse, fieldErrors } from '$lib/server/courses/authoring';
import { attempt, formValues } from '../../authoring.server';

export const load: PageServerLoad = () => {
	requireScope('course.author');
	return {};
};

export const actions = {
	default: async ({ locals, request }) => {
		const { user } = requireScope('course.author');
		const values = await formValues(request);
		const parsed = courseInput.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const created = await attempt(() => createCourse(locals.db, user.id, parsed.data, newCourseOwner(user, 'course.author')));
		if (!created.ok) return fail(400, { values, errors: { code: created.failure.data.message } });
		redirect(303, `/teach/courses/${created.value}`);
	}
} satisfies Actions;
