import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { lessonPage } from '$lib/server/courses/catalog';
import { ServerHtml } from '$lib/html/server-html';

export const load: PageServerLoad = async ({ locals, params, isDataRequest }) => {
	const user = requireUser();
	const page = await lessonPage(locals.db, params.code, params.slug, user.id);
	if (!page) error(404, '未找到该课时，或该课时尚未发布');
	const { lessons, code, courseTitle, html, ...lesson } = page;
	const at = lessons.findIndex((l) => l.id === lesson.id);
	return {
		course: { code, title: courseTitle },
		// The first view renders the body once instead of also serialising it (ServerHtml).
		lesson: { ...lesson, html: isDataRequest ? html : new ServerHtml(html) },
		progress: lessons[at],
		prev: lessons[at - 1] ? { slug: lessons[at - 1].slug, title: lessons[at - 1].title } : null,
		next: lessons[at + 1] ? { slug: lessons[at + 1].slug, title: lessons[at + 1].title } : null
	};
};
