import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { listCatalog } from '$lib/server/courses/catalog';
import { publishDue } from '$lib/server/courses/publish-due';
import { courseCategories, type CourseCategory } from '$lib/server/db/schema';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser();
	// Scheduled lessons appear on time even between two runs of the background job.
	await publishDue(locals.db);
	const q = url.searchParams.get('q')?.trim().slice(0, 40) ?? '';
	const c = url.searchParams.get('category') ?? '';
	const category = courseCategories.includes(c as CourseCategory) ? (c as CourseCategory) : undefined;
	const courses = await listCatalog(locals.db, { q: q || undefined, category });
	return { courses: courses.map((x) => ({ ...x, lessons: Number(x.lessons), lessonHours: Number(x.lessonHours) })), q, category: category ?? '' };
};
