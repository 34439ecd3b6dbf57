import type { Actions, PageServerLoad } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { newCourseOwner } from '$lib/server/courses/access';
import { createCourseOnce } from '$lib/server/courses/create-forms';

export const load: PageServerLoad = () => {
	requireScope('course.author');
	return {};
};

export const actions = {
	default: async ({ locals, request }) => {
		const { user } = requireScope('course.author');
		return createCourseOnce(locals.db, user.id, newCourseOwner(user, 'course.author'), await request.formData());
	}
} satisfies Actions;
