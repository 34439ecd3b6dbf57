import type { Expression, SqlBool } from 'kysely';
import { assists, likeText, teaches } from './relations';
import { inScope, overlapsScope } from '../auth/scope';
import type { Db } from '$lib/server/db';

export interface SessionListQuery {
	userId: number;
	/** from cohortViewPaths(): cohorts whose scope lies within or above one of these */
	viewPaths: string[];
	cohortId?: number;
	when?: 'upcoming' | 'past';
	q?: string;
	page: number;
	pageSize: number;
	now?: Date;
}


/** Sessions of the cohorts the user teaches, assists, sees by scope, or where they teach the session. */
export async function listSessions(db: Db, query: SessionListQuery) {
	const now = query.now ?? new Date();
	let base = db
		.selectFrom('session as s')
		.innerJoin('cohort as c', 'c.id', 's.cohortId')
		.innerJoin('orgUnit as o', 'o.id', 'c.orgUnitId')
		.where((eb) => {
			const ors: Expression<SqlBool>[] = [teaches(query.userId), assists(query.userId), eb('s.instructorId', '=', query.userId)];
			return eb.or([...ors, overlapsScope('o.path', query.viewPaths)]);
		});
	if (query.cohortId) base = base.where('s.cohortId', '=', query.cohortId);
	if (query.q) base = base.where((eb) => eb.or([eb('s.title', 'like', likeText(query.q!)), eb('s.place', 'like', likeText(query.q!))]));
	if (query.when === 'upcoming') base = base.where('s.endsAt', '>', now);
	if (query.when === 'past') base = base.where('s.endsAt', '<=', now);
	const [rows, count] = await Promise.all([
		base
			.leftJoin('person as i', 'i.id', 's.instructorId')
			.select((eb) => [
				's.id', 's.title', 's.kind', 's.startsAt', 's.endsAt', 's.place', 's.status', 's.creditHours', 'c.id as cohortId', 'c.name as cohortName', 'i.name as instructorName',
				eb.selectFrom('enrollment as e').select(eb.fn.countAll<number>().as('n')).whereRef('e.cohortId', '=', 'c.id').as('enrolled'),
				eb
					.selectFrom('attendance as a')
					.select(eb.fn.countAll<number>().as('n'))
					.whereRef('a.sessionId', '=', 's.id')
					.where('a.status', 'in', ['present', 'late', 'early_leave'])
					.as('attended')
			])
			.orderBy('s.startsAt', query.when === 'past' ? 'desc' : 'asc')
			.orderBy('s.id')
			.limit(query.pageSize)
			.offset((query.page - 1) * query.pageSize)
			.execute(),
		base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows: rows.map((r) => ({ ...r, enrolled: Number(r.enrolled ?? 0), attended: Number(r.attended ?? 0) })), total: Number(count.n) };
}

/** Cohorts where the user may create sessions: those they teach, and open ones they manage. */
export function editableCohorts(db: Db, userId: number, managePaths: string[]) {
	return db
		.selectFrom('cohort as c')
		.innerJoin('orgUnit as o', 'o.id', 'c.orgUnitId')
		.select(['c.id', 'c.name'])
		.where('c.status', '=', 'open')
		.where((eb) => eb.or([teaches(userId), inScope('o.path', managePaths)]))
		.orderBy('c.startsOn', 'desc')
		.orderBy('c.id', 'desc')
		.execute();
}

/** Cohorts whose sessions the user sees (for filters and the results page). */
export function visibleCohorts(db: Db, userId: number, viewPaths: string[]) {
	return db
		.selectFrom('cohort as c')
		.innerJoin('orgUnit as o', 'o.id', 'c.orgUnitId')
		.select(['c.id', 'c.name', 'c.status'])
		.where((eb) => {
			const ors: Expression<SqlBool>[] = [
				teaches(userId),
				assists(userId),
				eb.exists(eb.selectFrom('session as s').select('s.id').whereRef('s.cohortId', '=', 'c.id').where('s.instructorId', '=', userId))
			];
			return eb.or([...ors, overlapsScope('o.path', viewPaths)]);
		})
		.orderBy('c.startsOn', 'desc')
		.orderBy('c.id', 'desc')
		.limit(200)
		.execute();
}
