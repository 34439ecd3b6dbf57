import { sql } from 'kysely';
import { attendedStatuses } from './rules';
import { summaryRows } from './summary';
import type { Db } from '$lib/server/db';

/** What the completion rule reads of one learner's attendance in one cohort. */
export interface AttendanceFacts {
	/** scheduled (not cancelled) offline sessions of the cohort */
	sessions: number;
	/** of those, held by now (ended or closed) */
	held: number;
	/** present + late + early leave, in held sessions */
	attended: number;
	leave: number;
	/** 缺勤 without an approved leave */
	absent: number;
	/** 学时 of the sessions attended with a status that earns them */
	offlineHours: number;
	/** distinct calendar days with an attended session */
	days: number;
}

export const noAttendance: AttendanceFacts = { sessions: 0, held: 0, attended: 0, leave: 0, absent: 0, offlineHours: 0, days: 0 };

/**
 * Per (cohort, learner) with a record: sessions counted and still to come, attended, leave,
 * absences, offline hours and days. Built on summaryRows (the attendance summary's set-based
 * form); only what it does not give is read here: sessions still to come (for "pending") and
 * distinct days attended (for the development rules' "≥ 3 days").
 */
export async function attendanceFacts(db: Db, cohortIds: number[], personIds: number[]): Promise<{ cohortId: number; personId: number; facts: AttendanceFacts }[]> {
	if (cohortIds.length === 0 || personIds.length === 0) return [];
	const single = cohortIds.length === 1 ? { cohortId: cohortIds[0] } : {};
	const wanted = new Set(cohortIds);
	const attended = sql.join(attendedStatuses.map((s) => sql.lit(s)));
	const [summary, totals, days] = await Promise.all([
		summaryRows(db, { ...single, personIds }),
		// Same definition as cohortSessionTotals, grouped for many cohorts.
		db
			.selectFrom('session')
			.select(['cohortId', sql<number>`count(*) filter (where closed_at is null)`.as('upcoming')])
			.where('cohortId', 'in', cohortIds)
			.where('status', '=', 'scheduled')
			.groupBy('cohortId')
			.execute(),
		db
			.selectFrom('attendance as a')
			.innerJoin('session as s', 's.id', 'a.sessionId')
			.select(['s.cohortId', 'a.personId', sql<number>`count(distinct (s.starts_at at time zone 'Asia/Shanghai')::date)`.as('days')])
			.where('s.cohortId', 'in', cohortIds)
			.where('a.personId', 'in', personIds)
			.where('s.status', '=', 'scheduled')
			.where('s.closedAt', 'is not', null)
			.where(sql<boolean>`a.status in (${attended})`)
			.groupBy(['s.cohortId', 'a.personId'])
			.execute()
	]);
	const upcoming = new Map(totals.map((t) => [t.cohortId, Number(t.upcoming)]));
	const daysOf = new Map(days.map((d) => [`${d.cohortId}:${d.personId}`, Number(d.days)]));
	return summary
		.filter((r) => wanted.has(r.cohortId))
		.map((r) => ({
			cohortId: r.cohortId,
			personId: r.personId,
			facts: {
				sessions: r.sessions + (upcoming.get(r.cohortId) ?? 0),
				held: r.sessions,
				attended: r.attended,
				leave: r.leave,
				absent: r.absent,
				offlineHours: r.hoursCredited,
				days: daysOf.get(`${r.cohortId}:${r.personId}`) ?? 0
			}
		}));
}
