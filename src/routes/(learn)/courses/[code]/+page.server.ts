import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { getCourse, publishedLessons } from '$lib/server/courses/catalog';
import { practiceCount } from '$lib/server/courses/practice-exam';

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requireUser();
	const course = await getCourse(locals.db, params.code);
	if (!course) error(404, '未找到该课程');
	const [lessons, practice] = await Promise.all([publishedLessons(locals.db, course.id, user.id), practiceCount(locals.db, course.code)]);
	if (lessons.length === 0) error(404, '该课程尚未发布');
	return { course, lessons, practice };
};
