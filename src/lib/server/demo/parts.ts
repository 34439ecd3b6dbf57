import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { isDemo } from './seed';
import { DEMO_COHORT, seedDemoTraining } from './training';
import { seedDemoExam } from '../quiz/demo';
import { seedDemoDevelopment } from '../development/histories/demo';
import { seedDemoCompletion } from '../completion/demo';

/**
 * The demo beyond people and units, each part idempotent, in the order they depend on
 * each other (the running cohort, then pipeline histories, then past cohorts with
 * certificates). Runs after the content/ sync on every start; nothing outside demo mode.
 */
export async function seedDemoParts(db: Kysely<Database>) {
	if (!(await isDemo(db))) return [];
	const done: string[] = [];
	if (await seedDemoTraining(db)) done.push('培训班');
	const cohort = await db.selectFrom('cohort').select('id').where('name', '=', DEMO_COHORT).executeTakeFirst();
	const hasExam = cohort && (await db.selectFrom('exam').select('id').where('cohortId', '=', cohort.id).executeTakeFirst());
	if (cohort && !hasExam) {
		await seedDemoExam(db, cohort.id);
		done.push('结业考试');
	}
	if (await seedDemoDevelopment(db)) done.push('发展党员纪实');
	if (await seedDemoCompletion(db)) done.push('结业与证书');
	return done;
}
