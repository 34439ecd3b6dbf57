import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { can, scopePaths } from '$lib/server/auth/authz';
import { cohortViewPaths } from '$lib/server/cohorts/access';
import { listCohorts } from '$lib/server/cohorts/repository';
import { parsePaging } from '$lib/server/http/paging';
import { branchScope } from '$lib/server/completion/branch';
import { fromReplica } from '$lib/server/db/read';

export const load: PageServerLoad = fromReplica(async ({ locals, url }) => {
	const user = requireUser();
	const paging = parsePaging(url);
	const q = url.searchParams.get('q')?.trim().slice(0, 40) || undefined;
	const list = await listCohorts(locals.db, { personId: user.id, viewPaths: cohortViewPaths(user), learnerPaths: scopePaths(user, 'progress.view'), q, ...paging });
	const root = await locals.db.selectFrom('orgUnit').select('path').where('parentId', 'is', null).orderBy('id').limit(1).executeTakeFirst();
	return {
		...list,
		...paging,
		q: q ?? '',
		branchView: branchScope(user).length > 0,
		settings: root ? can(user, 'settings.manage', { orgPath: root.path }) : false
	};
});
