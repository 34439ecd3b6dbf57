import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { parsePaging } from '$lib/server/http/paging';
import { myExamList } from '$lib/server/quiz/learner-list';

const states = ['upcoming', 'open', 'closed'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser();
	const all = await myExamList(locals.db, user.id);
	const q = url.searchParams.get('q')?.trim() ?? '';
	const state = states.find((s) => s === url.searchParams.get('state')) ?? '';
	const filtered = all.filter((x) => (!q || x.title.includes(q) || x.cohortName.includes(q)) && (!state || x.state === state));
	const { page, pageSize } = parsePaging(url, 10);
	return { exams: filtered.slice((page - 1) * pageSize, page * pageSize), total: filtered.length, page, pageSize, q, state, any: all.length > 0 };
};
