import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { canSomewhere, scopePaths } from '$lib/server/auth/authz';
import { cohortViewPaths, intersectScopes } from '$lib/server/cohorts/access';
import { cohortStatuses, listCohorts, type CohortStatus } from '$lib/server/cohorts/repository';
import { parsePaging } from '$lib/server/http/paging';
import { fromReplica } from '$lib/server/db/read';

export const load: PageServerLoad = fromReplica(async ({ locals, url }) => {
	const user = requireUser();
	const viewPaths = cohortViewPaths(user);
	if (viewPaths.length === 0 && !canSomewhere(user, 'cohort.teach')) error(403, '您没有权限访问该页面');
	const q = url.searchParams.get('q')?.trim().slice(0, 40) || undefined;
	const s = url.searchParams.get('status');
	const status = cohortStatuses.includes(s as CohortStatus) ? (s as CohortStatus) : undefined;
	const paging = parsePaging(url);
	const result = await listCohorts(locals.db, {
		personId: user.id,
		viewPaths,
		learnerPaths: intersectScopes(scopePaths(user, 'progress.view'), viewPaths),
		q,
		status,
		...paging
	});
	return { ...result, ...paging, filters: { q: q ?? '', status: status ?? '' }, canCreate: scopePaths(user, 'cohort.manage').length > 0 };
});
