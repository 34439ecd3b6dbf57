import { sql } from 'kysely';
import { sessionClosesAt } from './rules';
import type { Db } from '$lib/server/db';

const NOTICE_DAYS = 14;

/**
 * The 集中授课 of the learner's cohorts, each with its cohort, instructor, and the learner's own
 * attendance and leave request (at most one each per session and person).
 */
function learnerClassSessions(db: Db, personId: number) {
	return db
		.selectFrom('session as s')
		.innerJoin('enrollment as e', (j) => j.onRef('e.cohortId', '=', 's.cohortId').on('e.personId', '=', personId))
		.innerJoin('cohort as c', 'c.id', 's.cohortId')
		.leftJoin('person as i', 'i.id', 's.instructorId')
		.leftJoin('attendance as a', (j) => j.onRef('a.sessionId', '=', 's.id').on('a.personId', '=', personId))
		.leftJoin('leaveRequest as l', (j) => j.onRef('l.sessionId', '=', 's.id').on('l.personId', '=', personId));
}

/**
 * The sessions upcomingFor reads, unexecuted (the home page nests it in its one statement):
 * scheduled ones ending after `scheduledAfter`, cancelled ones starting after `cancelledAfter`
 * (upcomingCutoffs), soonest first. stillOpen then drops those whose check-out has closed.
 */
export function upcomingQuery(db: Db, personId: number, scheduledAfter: Date, cancelledAfter: Date) {
	return learnerClassSessions(db, personId)
		.select([
			's.id', 's.title', 's.kind', 's.startsAt', 's.endsAt', 's.place', 's.status', 's.notice', 's.noticeAt', 's.creditHours', 's.checkinOpensMin',
			's.lateAfterMin', 's.checkinClosesMin', 's.checkoutRequired', 's.locationRadiusM', 'c.name as cohortName', 'i.name as instructorName',
			'a.status as attendanceStatus', 'a.checkedInAt', 'a.checkedOutAt', 'l.status as leaveStatus'
		])
		.where('s.closedAt', 'is', null)
		.where((eb) =>
			eb.or([
				eb.and([eb('s.status', '=', 'scheduled'), eb('s.endsAt', '>', scheduledAfter)]),
				eb.and([eb('s.status', '=', 'cancelled'), eb('s.startsAt', '>', cancelledAfter)])
			])
		)
		.orderBy('s.startsAt')
		.limit(50);
}

/** How far back upcomingQuery looks: sessions that ended up to 12 hours ago, notices of NOTICE_DAYS. */
export function upcomingCutoffs(now: Date) {
	return { scheduledAfter: new Date(now.getTime() - 12 * 3600_000), cancelledAfter: new Date(now.getTime() - NOTICE_DAYS * 86400_000) };
}

type UpcomingRow = Awaited<ReturnType<ReturnType<typeof upcomingQuery>['execute']>>[number];

/** Cancelled sessions (their notice) and those whose check-out has not closed yet. */
export function stillOpen<R extends Pick<UpcomingRow, 'status' | 'startsAt' | 'endsAt' | 'checkinClosesMin'>>(rows: R[], now: Date) {
	return rows.filter((r) => r.status === 'cancelled' || sessionClosesAt(r) > now);
}

/**
 * A learner's sessions that have not closed yet (and cancelled ones with a recent notice),
 * soonest first, with their own record and leave request. One query.
 */
export async function upcomingFor(db: Db, personId: number, now = new Date()) {
	const { scheduledAfter, cancelledAfter } = upcomingCutoffs(now);
	return stillOpen(await upcomingQuery(db, personId, scheduledAfter, cancelledAfter).execute(), now);
}

/** A learner's records of closed sessions, newest first (paged). */
export async function historyFor(db: Db, personId: number, page: number, pageSize: number) {
	const base = db
		.selectFrom('attendance as a')
		.innerJoin('session as s', 's.id', 'a.sessionId')
		.where('a.personId', '=', personId)
		.where('s.status', '=', 'scheduled')
		.where('s.closedAt', 'is not', null);
	const [rows, count] = await Promise.all([
		base
			.innerJoin('cohort as c', 'c.id', 's.cohortId')
			.select(['s.id', 's.title', 's.kind', 's.startsAt', 's.endsAt', 's.creditHours', 'c.name as cohortName', 'a.status', 'a.checkedInAt', 'a.checkedOutAt', 'a.reason', 'a.source'])
			.orderBy('s.startsAt', 'desc')
			.limit(pageSize)
			.offset((page - 1) * pageSize)
			.execute(),
		base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: Number(count.n) };
}

/** One session as its learner sees it, or undefined if they are not enrolled in its cohort. */
export function sessionForLearner(db: Db, sessionId: number, personId: number) {
	return learnerClassSessions(db, personId)
		.leftJoin('storedFile as f', 'f.id', 'l.fileId')
		.select([
			's.id', 's.title', 's.kind', 's.startsAt', 's.endsAt', 's.place', 's.status', 's.notice', 's.noticeAt', 's.creditHours', 's.checkoutRequired',
			's.checkinOpensMin', 's.lateAfterMin', 's.checkinClosesMin', 's.closedAt', 's.locationRadiusM', 's.checkinEnforced', 'c.name as cohortName', 'i.name as instructorName',
			'a.status as attendanceStatus', 'a.source as attendanceSource', 'a.reason as attendanceReason', 'a.checkedInAt', 'a.checkedOutAt',
			'l.id as leaveId', 'l.status as leaveStatus', 'l.reason as leaveReason', 'l.decisionNote', 'l.requestedAt', 'f.name as fileName'
		])
		.where('s.id', '=', sessionId)
		.executeTakeFirst();
}
