import { sql } from 'kysely';
import { shanghaiDayTime, shanghaiTime } from '$lib/time/shanghai';
import { attendanceStatusLabels, flagKindLabels } from './labels';
import type { Db } from '$lib/server/db';

/**
 * What the projector page polls every few seconds: counts, the latest check-ins and the
 * flagged events of one session. Three small indexed queries.
 */
export async function liveState(db: Db, sessionId: number, cohortId: number) {
	const [counts, recent, flags] = await Promise.all([
		db
			.selectFrom('enrollment as e')
			.leftJoin('attendance as a', (j) => j.onRef('a.personId', '=', 'e.personId').on('a.sessionId', '=', sessionId))
			.select([
				sql<number>`count(*)`.as('enrolled'),
				sql<number>`count(a.checked_in_at)`.as('checkedIn'),
				sql<number>`count(*) filter (where a.status = 'late')`.as('late'),
				sql<number>`count(a.checked_out_at)`.as('checkedOut'),
				sql<number>`count(*) filter (where a.status = 'leave')`.as('onLeave')
			])
			.where('e.cohortId', '=', cohortId)
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('attendance as a')
			.innerJoin('person as p', 'p.id', 'a.personId')
			.select(['p.id', 'p.name', 'p.username', 'a.status', 'a.checkedInAt', 'a.checkedOutAt'])
			.where('a.sessionId', '=', sessionId)
			.where('a.checkedInAt', 'is not', null)
			.orderBy('a.checkedInAt', 'desc')
			.limit(30)
			.execute(),
		db
			.selectFrom('attendanceFlag as f')
			.innerJoin('person as p', 'p.id', 'f.personId')
			.select(['f.id', 'f.kind', 'f.at', 'f.ip', 'p.name', 'p.username'])
			.where('f.sessionId', '=', sessionId)
			.where('f.kind', '!=', 'bad_code')
			.orderBy('f.at', 'desc')
			.limit(20)
			.execute()
	]);
	return {
		enrolled: Number(counts.enrolled),
		checkedIn: Number(counts.checkedIn),
		late: Number(counts.late),
		checkedOut: Number(counts.checkedOut),
		onLeave: Number(counts.onLeave),
		recent: recent.map((r) => ({
			id: r.id,
			name: r.name,
			username: r.username,
			status: attendanceStatusLabels[r.status],
			at: r.checkedInAt ? shanghaiTime(r.checkedInAt) : '',
			out: r.checkedOutAt ? shanghaiTime(r.checkedOutAt) : ''
		})),
		flags: flags.map((f) => ({ id: f.id, kind: flagKindLabels[f.kind], at: shanghaiDayTime(f.at), ip: f.ip ?? '', name: f.name, username: f.username }))
	};
}

export type LiveState = Awaited<ReturnType<typeof liveState>>;

/** Every flag of a session for the review list (paged). */
export async function sessionFlags(db: Db, sessionId: number, page: number, pageSize: number) {
	const base = db.selectFrom('attendanceFlag as f').where('f.sessionId', '=', sessionId);
	const [rows, count] = await Promise.all([
		base
			.innerJoin('person as p', 'p.id', 'f.personId')
			.select(['f.id', 'f.kind', 'f.at', 'f.ip', 'f.deviceId', 'f.userAgent', 'f.detail', 'p.name', 'p.username'])
			.orderBy('f.at', 'desc')
			.limit(pageSize)
			.offset((page - 1) * pageSize)
			.execute(),
		base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: Number(count.n) };
}
