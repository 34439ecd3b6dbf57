import { sql } from 'kysely';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import { likeText } from './relations';
import type { AttendanceStatus } from './tables';
import { inScope } from '../auth/scope';
import type { Db } from '$lib/server/db';

export interface MarkInput {
	sessionId: number;
	personId: number;
	status: AttendanceStatus;
	reason: string;
}

/**
 * A hand mark by the instructor or an assistant: sets the learner's status for the session,
 * keeping any check-in times and devices for review. Audited in the same transaction.
 * Returns false when the person is not enrolled in the session's cohort.
 */
export async function markAttendance(db: Db, actorId: number, input: MarkInput, now = new Date()) {
	return transact(db, async (trx) => {
		const enrolled = await trx
			.selectFrom('session as s')
			.innerJoin('enrollment as e', 'e.cohortId', 's.cohortId')
			.select('e.id')
			.where('s.id', '=', input.sessionId)
			.where('e.personId', '=', input.personId)
			.executeTakeFirst();
		if (!enrolled) return false;
		const before = await trx
			.selectFrom('attendance')
			.select(['status', 'source', 'reason'])
			.where('sessionId', '=', input.sessionId)
			.where('personId', '=', input.personId)
			.forUpdate()
			.executeTakeFirst();
		await trx
			.insertInto('attendance')
			.values({ sessionId: input.sessionId, personId: input.personId, status: input.status, source: 'manual', reason: input.reason, markedBy: actorId, markedAt: now })
			.onConflict((oc) =>
				oc.columns(['sessionId', 'personId']).doUpdateSet({ status: input.status, source: 'manual', reason: input.reason, markedBy: actorId, markedAt: now })
			)
			.execute();
		await appendAudit(trx, {
			actorId,
			action: 'attendance.mark',
			entityType: 'attendance',
			entityId: `${input.sessionId}:${input.personId}`,
			before: before ?? null,
			after: { status: input.status, source: 'manual', reason: input.reason }
		});
		return true;
	});
}

export interface RosterFilter {
	sessionId: number;
	cohortId: number;
	/** null = every learner */
	learnerPaths: string[] | null;
	q?: string;
	status?: AttendanceStatus | 'unmarked';
	page: number;
	pageSize: number;
}

/** Enrolled learners with their record and leave request for one session: one query per page. */
export async function sessionRoster(db: Db, f: RosterFilter) {
	if (f.learnerPaths?.length === 0) return { rows: [], total: 0 };
	let base = db
		.selectFrom('enrollment as e')
		.innerJoin('person as p', 'p.id', 'e.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.leftJoin('attendance as a', (j) => j.onRef('a.personId', '=', 'e.personId').on('a.sessionId', '=', f.sessionId))
		.leftJoin('leaveRequest as l', (j) => j.onRef('l.personId', '=', 'e.personId').on('l.sessionId', '=', f.sessionId))
		.where('e.cohortId', '=', f.cohortId);
	if (f.learnerPaths) base = base.where(inScope('o.path', f.learnerPaths));
	if (f.q) base = base.where((eb) => eb.or([eb('p.name', 'like', likeText(f.q!)), eb('p.username', 'like', likeText(f.q!))]));
	if (f.status === 'unmarked') base = base.where('a.id', 'is', null);
	else if (f.status) base = base.where('a.status', '=', f.status);
	const [rows, count] = await Promise.all([
		base
			.leftJoin('person as m', 'm.id', 'a.markedBy')
			.select([
				'p.id as personId', 'p.username', 'p.name', 'o.name as orgName',
				'a.status', 'a.source', 'a.checkedInAt', 'a.checkedOutAt', 'a.deviceId', 'a.ip', 'a.userAgent', 'a.reason', 'a.markedAt', 'm.name as markedByName',
				'l.id as leaveId', 'l.status as leaveStatus', 'l.reason as leaveReason', 'l.fileId as leaveFileId'
			])
			.orderBy(sql`a.checked_in_at is null`)
			.orderBy('a.checkedInAt')
			.orderBy('p.username')
			.limit(f.pageSize)
			.offset((f.page - 1) * f.pageSize)
			.execute(),
		base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: Number(count.n) };
}

/** How many of the learners the caller sees have each status (and none yet) for one session. */
export async function statusCounts(db: Db, sessionId: number, cohortId: number, learnerPaths: string[] | null) {
	if (learnerPaths?.length === 0) return { total: 0, unmarked: 0, present: 0, late: 0, early_leave: 0, leave: 0, absent: 0 };
	let q = db
		.selectFrom('enrollment as e')
		.innerJoin('person as p', 'p.id', 'e.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.leftJoin('attendance as a', (j) => j.onRef('a.personId', '=', 'e.personId').on('a.sessionId', '=', sessionId))
		.select(['a.status', sql<number>`count(*)`.as('n')])
		.where('e.cohortId', '=', cohortId)
		.groupBy('a.status');
	if (learnerPaths) q = q.where(inScope('o.path', learnerPaths));
	const rows = await q.execute();
	const counts = { total: 0, unmarked: 0, present: 0, late: 0, early_leave: 0, leave: 0, absent: 0 };
	for (const r of rows) {
		counts[r.status ?? 'unmarked'] += Number(r.n);
		counts.total += Number(r.n);
	}
	return counts;
}
