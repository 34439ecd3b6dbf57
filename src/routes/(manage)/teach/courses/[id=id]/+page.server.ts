import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorizeCourse } from '$lib/server/courses/access';
import { courseInput, courseWithLessons, fieldErrors, moveLesson, updateCourse } from '$lib/server/courses/authoring';
import { addLessonOnce } from '$lib/server/courses/create-forms';
import { z } from 'zod';
import { id } from '$lib/validation/fields';
import { parseForm } from '$lib/validation/form';
import { attempt, formValues } from '../../authoring.server';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { course } = await authorizeCourse(locals.db, Number(params.id), 'course.author');
	const found = await courseWithLessons(locals.db, course.id);
	if (!found) error(404, '未找到该课程');
	return found;
};

const courseSettings = courseInput.omit({ code: true });
const moveInput = z.object({ lessonId: id('课时'), direction: z.enum(['up', 'down'], { error: '无效的调整' }) });

export const actions = {
	update: async ({ locals, request, params }) => {
		const { user } = await authorizeCourse(locals.db, Number(params.id), 'course.author');
		const values = await formValues(request);
		const parsed = courseSettings.safeParse(values);
		if (!parsed.success) return fail(400, { course: { values, errors: fieldErrors(parsed.error) } });
		const done = await attempt(() => updateCourse(locals.db, user.id, Number(params.id), parsed.data));
		if (!done.ok) return done.failure;
		return { saved: '课程信息已保存' };
	},
	addLesson: async ({ locals, request, params }) => {
		const { user, course } = await authorizeCourse(locals.db, Number(params.id), 'course.author');
		return addLessonOnce(locals.db, user.id, course.id, await request.formData());
	},
	move: async ({ locals, request, params }) => {
		const { user, course } = await authorizeCourse(locals.db, Number(params.id), 'course.author');
		const input = await parseForm(request, moveInput);
		if (!input.ok) return fail(400, { message: '无效的调整' });
		const { lessonId, direction } = input.data;
		// The grant was checked on the course in the URL: the lesson must be one of its own.
		const owner = await locals.db.selectFrom('lesson').select('courseId').where('id', '=', lessonId).executeTakeFirst();
		if (owner?.courseId !== course.id) return fail(400, { message: '无效的调整' });
		const done = await attempt(() => moveLesson(locals.db, user.id, lessonId, direction));
		return done.ok ? { saved: '课时顺序已调整' } : done.failure;
	}
} satisfies Actions;
