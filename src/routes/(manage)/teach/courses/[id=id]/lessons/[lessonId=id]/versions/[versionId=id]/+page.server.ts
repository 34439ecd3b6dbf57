import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { authorizeCourse } from '$lib/server/courses/access';
import { lessonForEditing } from '$lib/server/courses/authoring';
import { getVersion } from '$lib/server/courses/versions';

export const load: PageServerLoad = async ({ locals, params }) => {
	await authorizeCourse(locals.db, Number(params.id), 'course.author');
	const lesson = await lessonForEditing(locals.db, Number(params.lessonId));
	const version = lesson && (await getVersion(locals.db, lesson.id, Number(params.versionId)));
	if (!lesson || !version || lesson.courseId !== Number(params.id)) error(404, '未找到该版本');
	return { lesson: { id: lesson.id, courseId: lesson.courseId, title: lesson.title }, version };
};
