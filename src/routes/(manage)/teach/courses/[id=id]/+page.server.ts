import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorizeCourse } from '$lib/server/courses/access';
import { courseInput, courseWithLessons, fieldErrors, moveLesson, updateCourse } from '$lib/server/courses/authoring';
import { addLessonOnce } from '$lib/server/courses/create-forms';
import { attempt, formValues, idParam } from '../../authoring.server';

export const load: PageServerLoad = async ({ locals, params }) => {
	await authorizeCourse(locals.db, params.id, 'course.author');
	const id = idParam(params.id);
	const found = id ? await courseWithLessons(locals.db, id) : undefined;
	if (!found) error(404, '未找到该课程');
	return found;
};

const courseSettings = courseInput.omit({ code: true });

export const actions = {
	update: async ({ locals, request, params }) => {
		const { user } = await authorizeCourse(locals.db, params.id, 'course.author');
		const values = await formValues(request);
		const parsed = courseSettings.safeParse(values);
		if (!parsed.success) return fail(400, { course: { values, errors: fieldErrors(parsed.error) } });
		const done = await attempt(() => updateCourse(locals.db, user.id, Number(params.id), parsed.data));
		if (!done.ok) return done.failure;
		return { saved: '课程信息已保存' };
	},
	addLesson: async ({ locals, request, params }) => {
		const { user, course } = await authorizeCourse(locals.db, params.id, 'course.author');
		return addLessonOnce(locals.db, user.id, course.id, await request.formData());
	},
	move: async ({ locals, request, params }) => {
		const { user, course } = await authorizeCourse(locals.db, params.id, 'course.author');
		const values = await formValues(request);
		const lessonId = idParam(values.lessonId ?? '');
		if (!lessonId || (values.direction !== 'up' && values.direction !== 'down')) return fail(400, { message: '无效的调整' });
		// The grant was checked on the course in the URL: the lesson must be one of its own.
		const owner = await locals.db.selectFrom('lesson').select('courseId').where('id', '=', lessonId).executeTakeFirst();
		if (owner?.courseId !== course.id) return fail(400, { message: '无效的调整' });
		const done = await attempt(() => moveLesson(locals.db, user.id, lessonId, values.direction as 'up' | 'down'));
		return done.ok ? { saved: '课时顺序已调整' } : done.failure;
	}
} satisfies Actions;
