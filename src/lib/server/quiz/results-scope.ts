import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AuthUser } from '../auth/session';
import { intParam } from '../http/paging';
import { learnerScope } from '../cohorts/access';
import { examAdmin } from './exams';
import type { ResultFilters, ResultScope } from './results';
import { closeExpiredAttempts } from './grading';

const outcomes = ['passed', 'failed', 'absent', 'running'] as const;

/**
 * The exam and whose results the user may see: a cohort's instructors see everyone, an
 * organizer their college, a secretary their branch only (the cohorts feature's rule).
 * Attempts whose time ran out are closed first, so results never show a stale 作答中.
 */
export async function resultsContext(db: Kysely<Database>, examId: number, user: AuthUser, url?: URL) {
	const ctx = await examAdmin(db, examId, user);
	await closeExpiredAttempts(db, { examId: ctx.exam.id });
	const scope: ResultScope = {
		examId: ctx.exam.id,
		cohortId: ctx.exam.cohortId,
		gradingMethod: ctx.exam.gradingMethod,
		passMark: ctx.exam.passMark,
		learnerPaths: learnerScope(user, ctx.cohort, 'exam.results.view')
	};
	const filters: ResultFilters = {
		q: url?.searchParams.get('q')?.trim() || undefined,
		unitId: url ? intParam(url, 'unit') : undefined,
		outcome: outcomes.find((o) => o === url?.searchParams.get('outcome'))
	};
	return { ...ctx, scope, filters };
}
