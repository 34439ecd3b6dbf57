import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { isDemo } from './seed';
import { seedDemoSessions } from '../attendance/seed';

export const DEMO_COHORT = '第45期入党积极分子培训班';

/**
 * The party-school half of the demo: a running cohort of the activist course with
 * every demo activist enrolled, its offline sessions, exam and completion rule. Runs
 * after the content/ sync (the course must exist); does nothing outside demo mode or
 * once the cohort exists.
 */
export async function seedDemoTraining(db: Kysely<Database>, today = new Date()) {
	if (!(await isDemo(db))) return false;
	const course = await db.selectFrom('course').select(['id', 'creditHours']).where('code', '=', 'ACT').executeTakeFirst();
	if (!course) return false;
	return db.transaction().execute(async (trx) => {
		if (await trx.selectFrom('cohort').select('id').where('name', '=', DEMO_COHORT).executeTakeFirst()) return false;
		const school = await trx.selectFrom('orgUnit').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow();
		const instructor = await trx.selectFrom('person').select('id').where('username', '=', 'instructor').executeTakeFirstOrThrow();
		const admin = await trx.selectFrom('person').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
		const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
		const { id: cohortId } = await trx
			.insertInto('cohort')
			.values({ courseId: course.id, name: DEMO_COHORT, orgUnitId: school.id, startsOn: day(-30), endsOn: day(60), requiredHours: Number(course.creditHours), createdBy: admin.id })
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx.insertInto('cohortInstructor').values({ cohortId, personId: instructor.id }).execute();
		const activists = await trx.selectFrom('person').select('id').where('politicalStatus', '=', 'activist').orderBy('id').execute();
		if (activists.length) {
			await trx.insertInto('enrollment').values(activists.map((p) => ({ cohortId, personId: p.id, enrolledBy: admin.id }))).execute();
		}
		// Some study already done, so progress bars and the branch chart show something.
		const lessons = await trx.selectFrom('lesson').select(['id', 'creditHours']).where('courseId', '=', course.id).orderBy('sortOrder').execute();
		const progress = activists.slice(0, Math.ceil(activists.length / 2)).flatMap((p, i) =>
			lessons.slice(0, 2 + (i % 4)).map((l, j) => {
				const full = Math.round(Number(l.creditHours) * 45 * 60);
				const done = j < 1 + (i % 4);
				return { personId: p.id, lessonId: l.id, secondsCredited: done ? full : Math.round(full / 3), reachedEnd: done, completedAt: done ? today : null };
			})
		);
		if (progress.length) await trx.insertInto('lessonProgress').values(progress).execute();
		await seedDemoSessions(trx, cohortId, instructor.id, today);
		return true;
	});
}
