import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { lessonPage } from '$lib/server/courses/catalog';

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requireUser();
	const page = await lessonPage(locals.db, params.code, params.slug, user.id);
	if (!page) error(404, '未找到该课时，或该课时尚未发布');
	const { lessons, code, courseTitle, ...lesson } = page;
	const at = lessons.findIndex((l) => l.id === lesson.id);
	return {
		course: { code, title: courseTitle },
		lesson,
		progress: lessons[at],
		prev: lessons[at - 1] ? { slug: lessons[at - 1].slug, title: lessons[at - 1].title } : null,
		next: lessons[at + 1] ? { slug: lessons[at + 1].slug, title: lessons[at + 1].title } : null
	};
};
