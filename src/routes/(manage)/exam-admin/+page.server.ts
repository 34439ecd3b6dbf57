import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { parsePaging } from '$lib/server/http/paging';
import { listAdminExams, managedCohorts } from '$lib/server/quiz/exams';
import { cohortViewPaths } from '$lib/server/cohorts/access';
import { canSomewhere } from '$lib/server/auth/authz';
import { error } from '@sveltejs/kit';

const states = ['upcoming', 'open', 'closed'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser();
	// Those who run, fill or teach cohorts; learners find their exams under /exams.
	if (cohortViewPaths(user).length === 0 && !canSomewhere(user, 'cohort.teach')) error(403, '您没有权限管理考试');
	const { page, pageSize } = parsePaging(url);
	const q = url.searchParams.get('q')?.trim() || undefined;
	const state = states.find((s) => s === url.searchParams.get('state'));
	const [list, cohorts] = await Promise.all([listAdminExams(locals.db, user, { q, state, page, pageSize }), managedCohorts(locals.db, user)]);
	return { ...list, page, pageSize, filters: { q: q ?? '', state: state ?? '' }, canCreate: cohorts.length > 0, mayEditBanks: canSomewhere(user, 'bank.manage') };
};
