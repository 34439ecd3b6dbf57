import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { getCourse, publishedLesson, publishedLessons } from '$lib/server/courses/catalog';

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requireUser();
	const course = await getCourse(locals.db, params.code);
	if (!course) error(404, '未找到该课程');
	const [lesson, lessons] = await Promise.all([
		publishedLesson(locals.db, course.id, params.slug),
		publishedLessons(locals.db, course.id, user.id)
	]);
	if (!lesson) error(404, '未找到该课时，或该课时尚未发布');
	const at = lessons.findIndex((l) => l.id === lesson.id);
	return {
		course: { code: course.code, title: course.title },
		lesson,
		progress: lessons[at],
		prev: lessons[at - 1] ? { slug: lessons[at - 1].slug, title: lessons[at - 1].title } : null,
		next: lessons[at + 1] ? { slug: lessons[at + 1].slug, title: lessons[at + 1].title } : null
	};
};
