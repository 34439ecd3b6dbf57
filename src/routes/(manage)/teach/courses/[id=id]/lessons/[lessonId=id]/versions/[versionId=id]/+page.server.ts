import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { authorizeCourse } from '$lib/server/courses/access';
import { lessonForEditing } from '$lib/server/courses/authoring';
import { getVersion } from '$lib/server/courses/versions';
import { idParam } from '../../../../../../authoring.server';

export const load: PageServerLoad = async ({ locals, params }) => {
	await authorizeCourse(locals.db, params.id, 'course.author');
	const [lessonId, versionId] = [idParam(params.lessonId), idParam(params.versionId)];
	const lesson = lessonId ? await lessonForEditing(locals.db, lessonId) : undefined;
	const version = lesson && versionId ? await getVersion(locals.db, lesson.id, versionId) : undefined;
	if (!lesson || !version || lesson.courseId !== idParam(params.id)) error(404, '未找到该版本');
	return { lesson: { id: lesson.id, courseId: lesson.courseId, title: lesson.title }, version };
};
