import type { PageServerLoad } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { courseIdsInScope } from '$lib/server/courses/access';
import { parsePaging } from '$lib/server/http/paging';
import { bankCourses } from '$lib/server/quiz/bank';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { user } = requireScope('bank.manage');
	const q = url.searchParams.get('q')?.trim() ?? '';
	const [every, mine] = await Promise.all([bankCourses(locals.db), courseIdsInScope(locals.db, user, 'bank.manage')]);
	const all = every.filter((c) => mine.has(c.id));
	const courses = all.filter((c) => !q || c.title.includes(q) || c.code.toLowerCase().includes(q.toLowerCase()));
	const { page, pageSize } = parsePaging(url);
	return {
		courses: courses.slice((page - 1) * pageSize, page * pageSize).map((c) => ({ ...c, questions: Number(c.questions), single: Number(c.single), multiple: Number(c.multiple), trueFalse: Number(c.trueFalse), fillBlank: Number(c.fillBlank) })),
		total: courses.length,
		page,
		pageSize,
		q
	};
};
