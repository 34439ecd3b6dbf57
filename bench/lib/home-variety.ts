// The learners of bench:lesson's home page are not all alike: the page reads more for some of them.
import { sql } from 'kysely';
import type { Stack } from './stack';

/**
 * Every 5th learner also enrolled in a second cohort of the course with an open exam that requires
 * the lessons and 学时 (the page judges their readiness); every 10th with an open development record
 * (入党积极分子 with an application, a talk and a mentor: the page reads the engine's next step).
 */
export async function homeVariety(db: Stack['db'], learners: { id: number }[], courseId: number, orgUnitId: number) {
	const second = await db
		.insertInto('cohort')
		.values({ courseId, name: '压测培训班（二）', orgUnitId, startsOn: '2026-01-01', endsOn: '2027-12-30', requiredHours: 8 })
		.returning('id')
		.executeTakeFirstOrThrow();
	const examined = learners.filter((_, i) => i % 5 === 0);
	await db.insertInto('enrollment').values(examined.map((l) => ({ cohortId: second.id, personId: l.id }))).execute();
	await db
		.insertInto('exam')
		.values({
			cohortId: second.id, title: '压测结业考试', opensAt: new Date(Date.now() - 86400_000), closesAt: new Date(Date.now() + 30 * 86400_000),
			timeLimitMinutes: 60, rules: sql`'[]'::jsonb`, requireLessons: true, minHours: 4
		})
		.execute();
	const recorded = learners.filter((_, i) => i % 10 === 3);
	const mentor = learners[1];
	if (recorded.length) {
		await db.insertInto('developmentRecord').values(recorded.map((l) => ({ personId: l.id, stage: 'activist' as const, stageSince: '2026-03-01' }))).execute();
		await db
			.insertInto('developmentEntry')
			.values(recorded.flatMap((l) => [
				{ personId: l.id, kind: 'application' as const, occurredOn: '2025-10-08', details: {} },
				{ personId: l.id, kind: 'talk' as const, occurredOn: '2025-11-02', details: {} }
			]))
			.execute();
		await db
			.insertInto('developmentSupporter')
			.values(recorded.map((l) => ({ personId: l.id, role: 'mentor' as const, supporterId: mentor.id, name: '压测联系人', assignedOn: '2026-03-01' })))
			.execute();
	}
	return { withExam: examined.length, withRecord: recorded.length };
}
