import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { canSomewhere } from '$lib/server/auth/authz';
import { cohortViewPaths } from '$lib/server/cohorts/access';
import { intParam, parsePaging } from '$lib/server/http/paging';
import { visibleCohorts } from '$lib/server/attendance/lists';
import { cohortResults } from '$lib/server/attendance/results';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser();
	const cohortId = intParam(url, 'cohort');
	if (!cohortId) {
		const viewPaths = cohortViewPaths(user);
		const cohorts = await visibleCohorts(locals.db, user.id, viewPaths);
		if (cohorts.length === 0 && viewPaths.length === 0 && !canSomewhere(user, 'cohort.teach')) error(403, '您没有可查看的考勤');
		return { cohort: null, cohorts: cohorts.map((c) => ({ id: c.id, name: c.name, status: c.status })) };
	}
	const q = url.searchParams.get('q')?.trim() || undefined;
	const { cohort, rows, totals } = await cohortResults(locals.db, user, cohortId, q);
	const paging = parsePaging(url, 50);
	const start = (paging.page - 1) * paging.pageSize;
	return {
		cohort: { id: cohort.id, name: cohort.name },
		cohorts: [],
		totals,
		rows: rows.slice(start, start + paging.pageSize),
		total: rows.length,
		...paging,
		filters: { q: q ?? '' }
	};
};
