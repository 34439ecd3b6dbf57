import { sql } from 'kysely';
import { attendedStatuses, creditedStatuses } from './rules';
import { likeText } from './relations';
import { inScope } from '../auth/scope';
import type { Db } from '$lib/server/db';

export interface SummaryFilter {
	cohortId?: number;
	personId?: number;
	personIds?: number[];
	/** narrow to one unit's subtree */
	underPath?: string;
	/** the caller's learner scope; undefined = no restriction, [] = nobody */
	paths?: string[];
	q?: string;
}

export interface AttendanceSummaryRow {
	cohortId: number;
	cohortName: string;
	personId: number;
	username: string;
	name: string;
	orgName: string;
	present: number;
	late: number;
	earlyLeave: number;
	leave: number;
	absent: number;
	/** sessions counted: closed, not cancelled, with a record for the learner */
	sessions: number;
	attended: number;
	/** attended / sessions, 0–1; null before any session has closed */
	rate: number | null;
	hoursCredited: number;
}

const inList = (statuses: readonly string[]) => sql.join(statuses.map((s) => sql.lit(s)));

/**
 * Attendance per (cohort, enrolled learner) in ONE grouped query. Only closed sessions count
 * (closeEndedSessions has recorded everyone by then), so an ongoing session does not skew the
 * rate; 请假 counts as a session not attended. Hours: the credit hours of sessions attended
 * 出勤 or 迟到 (creditedStatuses).
 */
export async function summaryRows(db: Db, f: SummaryFilter): Promise<AttendanceSummaryRow[]> {
	if (f.paths?.length === 0 || f.personIds?.length === 0) return [];
	let records = db
		.selectFrom('attendance as a')
		.innerJoin('session as s', 's.id', 'a.sessionId')
		.select(['a.personId', 's.cohortId', 'a.status', 's.creditHours'])
		.where('s.status', '=', 'scheduled')
		.where('s.closedAt', 'is not', null);
	if (f.cohortId) records = records.where('s.cohortId', '=', f.cohortId);
	if (f.personId) records = records.where('a.personId', '=', f.personId);

	let q = db
		.selectFrom('enrollment as e')
		.innerJoin('person as p', 'p.id', 'e.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.innerJoin('cohort as c', 'c.id', 'e.cohortId')
		.leftJoin(records.as('r'), (j) => j.onRef('r.personId', '=', 'e.personId').onRef('r.cohortId', '=', 'e.cohortId'))
		.select([
			'e.cohortId', 'c.name as cohortName', 'e.personId', 'p.username', 'p.name', 'o.name as orgName',
			sql<number>`count(r.status) filter (where r.status = 'present')`.as('present'),
			sql<number>`count(r.status) filter (where r.status = 'late')`.as('late'),
			sql<number>`count(r.status) filter (where r.status = 'early_leave')`.as('earlyLeave'),
			sql<number>`count(r.status) filter (where r.status = 'leave')`.as('leave'),
			sql<number>`count(r.status) filter (where r.status = 'absent')`.as('absent'),
			sql<number>`count(r.status)`.as('sessions'),
			sql<number>`count(r.status) filter (where r.status in (${inList(attendedStatuses)}))`.as('attended'),
			sql<number>`coalesce(sum(r.credit_hours) filter (where r.status in (${inList(creditedStatuses)})), 0)`.as('hoursCredited')
		])
		.groupBy(['e.cohortId', 'c.name', 'e.personId', 'p.username', 'p.name', 'o.name']);
	if (f.cohortId) q = q.where('e.cohortId', '=', f.cohortId);
	if (f.personId) q = q.where('e.personId', '=', f.personId);
	if (f.personIds) q = q.where('e.personId', 'in', f.personIds);
	if (f.underPath) q = q.where(inScope('o.path', [f.underPath]));
	if (f.paths) q = q.where(inScope('o.path', f.paths));
	if (f.q) {
		const like = likeText(f.q);
		q = q.where((eb) => eb.or([eb('p.name', 'like', like), eb('p.username', 'like', like)]));
	}
	const rows = await q.orderBy('e.cohortId').orderBy('p.username').execute();
	return rows.map((r) => {
		const n = (v: unknown) => Number(v ?? 0);
		const sessions = n(r.sessions);
		const attended = n(r.attended);
		return {
			cohortId: r.cohortId,
			cohortName: r.cohortName,
			personId: r.personId,
			username: r.username,
			name: r.name,
			orgName: r.orgName,
			present: n(r.present),
			late: n(r.late),
			earlyLeave: n(r.earlyLeave),
			leave: n(r.leave),
			absent: n(r.absent),
			sessions,
			attended,
			rate: sessions ? attended / sessions : null,
			hoursCredited: n(r.hoursCredited)
		};
	});
}

/**
 * Per-learner attendance of one cohort, for the completion rules: the learners given by
 * `personIds`, or all enrolled (optionally under one org unit's path).
 */
export function attendanceSummary(db: Db, cohortId: number, opts: { personIds?: number[]; underPath?: string } = {}) {
	return summaryRows(db, { cohortId, ...opts });
}

/** Session counts of a cohort: scheduled, closed (held), cancelled, and the hours of those held. */
export async function cohortSessionTotals(db: Db, cohortId: number) {
	const row = await db
		.selectFrom('session')
		.select([
			sql<number>`count(*) filter (where status = 'scheduled')`.as('scheduled'),
			sql<number>`count(*) filter (where status = 'scheduled' and closed_at is not null)`.as('held'),
			sql<number>`count(*) filter (where status = 'cancelled')`.as('cancelled'),
			sql<number>`coalesce(sum(credit_hours) filter (where status = 'scheduled' and closed_at is not null), 0)`.as('heldHours')
		])
		.where('cohortId', '=', cohortId)
		.executeTakeFirstOrThrow();
	return { scheduled: Number(row.scheduled), held: Number(row.held), cancelled: Number(row.cancelled), heldHours: Number(row.heldHours) };
}
