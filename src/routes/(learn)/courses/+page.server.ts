import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { listCatalog } from '$lib/server/courses/catalog';
import { publishDue } from '$lib/server/courses/publish-due';
import { courseCategories, type CourseCategory } from '$lib/server/db/schema';
import { readSearch } from '$lib/server/search/query';
import { search } from '$lib/server/search/lessons';

// The course list, and with ?q= the search over courses and the text of their published lessons
// (src/lib/server/search/): who may open a course is the catalog's rule, and search keeps it.
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser();
	// Scheduled lessons appear on time even between two runs of the background job.
	await publishDue(locals.db);
	const c = url.searchParams.get('category') ?? '';
	const category = courseCategories.includes(c as CourseCategory) ? (c as CourseCategory) : undefined;
	const asked = readSearch(url.searchParams);
	if (asked && 'q' in asked && 'page' in asked) {
		return { q: asked.q, category: category ?? '', problem: null, search: await search(locals.db, asked.q, asked.page, category), courses: [] };
	}
	const courses = await listCatalog(locals.db, { category });
	return {
		q: asked?.q ?? '',
		category: category ?? '',
		problem: asked && 'problem' in asked ? asked.problem : null,
		search: null,
		courses: courses.map((x) => ({ ...x, lessons: Number(x.lessons), lessonHours: Number(x.lessonHours) }))
	};
};
