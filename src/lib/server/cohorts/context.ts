import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AuthUser } from '../auth/session';
import { cohortAccess } from './access';
import { getCohort } from './repository';

/** The cohort in the URL and what the user may do with it: 404 if missing, 403 if not theirs to see. */
export async function cohortFor(db: Kysely<Database>, id: number, user: AuthUser) {
	const cohort = await getCohort(db, id, user.id);
	if (!cohort) error(404, '未找到该培训班');
	const access = cohortAccess(user, { orgPath: cohort.orgPath, teaches: cohort.teaches });
	if (!access.view) error(403, '您没有权限查看该培训班');
	return { cohort, access };
}
