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
		await seedDemoSessions(trx, cohortId, instructor.id, today);
		return true;
	});
}
