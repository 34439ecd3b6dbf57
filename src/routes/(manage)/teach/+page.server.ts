import type { PageServerLoad } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { coursesInScope } from '$lib/server/courses/access';
import { listCourses } from '$lib/server/courses/authoring';
import { parsePaging } from '$lib/server/http/paging';
import { courseCategories, type CourseCategory } from '$lib/server/db/schema';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { user } = requireScope('course.author');
	const q = url.searchParams.get('q')?.trim() ?? '';
	const sourceParam = url.searchParams.get('source');
	const source = sourceParam === 'content' || sourceParam === 'browser' ? sourceParam : undefined;
	const categoryParam = url.searchParams.get('category') ?? '';
	const category = (courseCategories as readonly string[]).includes(categoryParam) ? (categoryParam as CourseCategory) : undefined;
	const paging = parsePaging(url);
	const result = await listCourses(locals.db, { q: q || undefined, source, category, scope: coursesInScope(user, 'course.author'), ...paging });
	return { ...result, ...paging, filters: { q, source: source ?? '', category: category ?? '' } };
};
