import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { scopePaths } from '$lib/server/auth/authz';
import { stageCounts } from '$lib/server/people/stats';
import { dueFor } from '$lib/server/development/submissions/lists';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser();
	const paths = scopePaths(user, 'person.view');
	return {
		passwordChanged: url.searchParams.has('passwordChanged'),
		politicalStatus: user.politicalStatus,
		orgName: user.orgName,
		stageCounts: paths.length ? await stageCounts(locals.db, paths) : null,
		// 「本季度思想汇报未交」, a mentor's 「待填写考察意见：…」 (development/submission-lists.ts)
		due: await dueFor(locals.db, user)
	};
};
