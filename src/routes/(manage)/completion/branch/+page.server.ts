import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { branchCounts, branchFilter, branchRows, branchScope, filterRows } from '$lib/server/completion/branch';
import { fromReplica } from '$lib/server/db/read';

export const load: PageServerLoad = fromReplica(async ({ locals, url }) => {
	const user = requireUser();
	const paths = branchScope(user);
	if (paths.length === 0) error(403, '只有支部书记、组织员和管理员可以查看支部结业情况');
	const filter = branchFilter(url);
	const all = await branchRows(locals.db, paths);
	const counts = branchCounts(all);
	const cohorts = [...new Map(all.map((r) => [r.cohortId, { id: r.cohortId, name: r.cohortName, startsOn: r.startsOn }])).values()].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
	const rows = filterRows(all, filter);
	const start = (filter.page - 1) * filter.pageSize;
	return {
		filter,
		counts,
		cohorts,
		rows: rows.slice(start, start + filter.pageSize),
		total: rows.length,
		certifiedInView: rows.filter((r) => r.certificate?.state === 'valid').length
	};
});
