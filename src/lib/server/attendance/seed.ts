import { closeEndedSessions } from './close';
import type { Db } from '$lib/server/db';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * Demo sessions for a cohort: two held (closed, with some check-ins), one happening now (check-in
 * open, so the projector page shows live codes) and two ahead. Times are whole Shanghai
 * minutes. Does nothing if the cohort already has sessions. Returns the id of the one "now".
 */
export async function seedDemoSessions(db: Db, cohortId: number, instructorId: number, now = new Date()) {
	const any = await db.selectFrom('session').select('id').where('cohortId', '=', cohortId).limit(1).executeTakeFirst();
	if (any) return null;
	const minute = Math.floor(now.getTime() / 60_000) * 60_000;
	const at = (offsetMs: number) => new Date(minute + offsetMs);
	const common = { cohortId, instructorId, createdBy: instructorId, creditHours: 2 };
	const specs = [
		{ title: '党的性质和宗旨', kind: 'lecture' as const, startsAt: at(-14 * DAY), endsAt: at(-14 * DAY + 2 * HOUR), place: '图书馆报告厅' },
		{ title: '入党动机专题讨论', kind: 'discussion' as const, startsAt: at(-7 * DAY), endsAt: at(-7 * DAY + 2 * HOUR), place: '行政楼 302 会议室' },
		// Started 5 minutes ago: check-in open, still on time, for the demo and the e2e test.
		{ title: '党的组织原则和纪律', kind: 'lecture' as const, startsAt: at(-5 * 60_000), endsAt: at(2 * HOUR - 5 * 60_000), place: '图书馆报告厅', checkinOpensMin: 30, lateAfterMin: 20, checkinClosesMin: 60 },
		{ title: '参观校史馆', kind: 'practice' as const, startsAt: at(7 * DAY), endsAt: at(7 * DAY + 3 * HOUR), place: '校史馆', checkoutRequired: true },
		{ title: '结业考试', kind: 'exam' as const, startsAt: at(14 * DAY), endsAt: at(14 * DAY + 2 * HOUR), place: '教学楼 A101', creditHours: 1 }
	];
	const ids = await db
		.insertInto('session')
		.values(specs.map((s) => ({ ...common, ...s })))
		.returning('id')
		.execute();
	// Past sessions: the first enrolled learners came, the rest become absent on closing.
	const learners = await db.selectFrom('enrollment').select('personId').where('cohortId', '=', cohortId).orderBy('personId').execute();
	const past = [ids[0].id, ids[1].id];
	const attended = learners.slice(0, Math.ceil(learners.length * 0.7));
	if (attended.length) {
		await db
			.insertInto('attendance')
			.values(
				past.flatMap((sessionId, i) =>
					attended.map((l, j) => ({
						sessionId,
						personId: l.personId,
						status: j % 5 === 4 ? ('late' as const) : ('present' as const),
						source: 'checkin' as const,
						checkedInAt: new Date(specs[i].startsAt.getTime() - 10 * 60_000 + j * 20_000),
						markedAt: specs[i].startsAt
					}))
				)
			)
			.execute();
	}
	await closeEndedSessions(db, { cohortId, now });
	return ids[2].id;
}
