import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AuthUser } from '../auth/session';
import { sessionAccess } from './access';
import { cohortForClassSessions } from './class-sessions';
import { cohortSessionTotals, summaryRows } from './summary';

/** A cohort's attendance results as the user may see them (their learners only); shared by the page and the export. */
export async function cohortResults(db: Kysely<Database>, user: AuthUser, cohortId: number, q?: string) {
	const cohort = await cohortForClassSessions(db, cohortId, user.id);
	if (!cohort) error(404, '未找到该培训班');
	const access = sessionAccess(user, cohort);
	if (!access.view) error(403, '您没有权限查看该培训班的考勤');
	const [rows, totals] = await Promise.all([
		summaryRows(db, { cohortId, paths: access.learnerPaths ?? undefined, q }),
		cohortSessionTotals(db, cohortId)
	]);
	const rated = rows.filter((r) => r.rate !== null);
	return {
		cohort,
		access,
		rows,
		totals: {
			...totals,
			learners: rows.length,
			averageRate: rated.length ? rated.reduce((a, r) => a + (r.rate ?? 0), 0) / rated.length : null
		}
	};
}
