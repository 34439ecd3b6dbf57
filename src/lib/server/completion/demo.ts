import { hashPassword } from '../auth/password';
import { setCohortStatus } from '../cohorts/service';
import { issueCertificates } from '../certificates/issue';
import { addDays } from '../certificates/dates';
import { shanghaiDate } from '$lib/time/shanghai';
import type { Db } from '$lib/server/db';

const DAY = 86_400_000;

/**
 * An account of our own that tests/certificates.spec.ts signs in as: trained in 第44期 and
 * since made a 发展对象, so no other demo seed enrols it anywhere. It holds a valid certificate.
 */
export const demoGraduate = { username: '222019801', name: '何明远', branch: 'CS-UG1' };

export const DEMO_PAST_COHORTS = { recent: '第44期入党积极分子培训班', older: '第36期入党积极分子培训班' };

/**
 * Demo data for completion and certificates, after the demo school, the content courses and the
 * running demo cohort exist: two past, closed cohorts of course ACT with a saved rule. Most
 * learners completed (certificates issued; the older cohort's expire within 90 days), some lack
 * lessons or hours, so the branch view has something to show. Learners are the demo graduate
 * and students without a password; the demo accounts activist/activist2 stay untouched (they are
 * in training now). Lesson progress is per person and lesson, so existing rows are kept as they
 * are. Does nothing if already run.
 */
export async function seedDemoCompletion(db: Db, options: { origin?: string; now?: Date; password?: string } = {}) {
	const now = options.now ?? new Date();
	const origin = options.origin ?? process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
	const done = await db.selectFrom('cohort').select('id').where('name', '=', DEMO_PAST_COHORTS.recent).executeTakeFirst();
	if (done) return false;
	const course = await db.selectFrom('course').select(['id', 'creditHours']).where('code', '=', 'ACT').executeTakeFirst();
	const school = await db.selectFrom('orgUnit').select('id').where('parentId', 'is', null).orderBy('id').executeTakeFirst();
	const branch = await db.selectFrom('orgUnit').select('id').where('code', '=', demoGraduate.branch).executeTakeFirst();
	const admin = await db.selectFrom('person').select('id').where('username', '=', 'admin').executeTakeFirst();
	if (!course || !school || !branch || !admin) return false;
	const lessons = await db
		.selectFrom('lesson as l')
		.innerJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
		.select(['l.id', 'v.creditHours'])
		.where('l.courseId', '=', course.id)
		.orderBy('l.sortOrder')
		.execute();
	if (lessons.length === 0) return false;

	await db
		.insertInto('person')
		.values({
			username: demoGraduate.username,
			name: demoGraduate.name,
			gender: 'male',
			orgUnitId: branch.id,
			grade: '2022',
			birthDate: '2004-05-12',
			graduationDate: '2026-06-30',
			politicalStatus: 'candidate',
			passwordHash: await hashPassword(options.password ?? 'dangxiao-demo'),
			mustChangePassword: false
		})
		.onConflict((oc) => oc.column('username').doNothing())
		.execute();
	const graduate = await db.selectFrom('person').select(['id', 'username']).where('username', '=', demoGraduate.username).executeTakeFirstOrThrow();
	const students = await db
		.selectFrom('person')
		.select(['id', 'username', 'orgUnitId'])
		.where('politicalStatus', 'in', ['activist', 'candidate'])
		.where('passwordHash', 'is', null)
		.orderBy('id')
		.execute();

	// Every second student of each branch did only half the lessons in 第44期.
	const nth = new Map<number, number>();
	const partial = new Set<number>();
	for (const p of students) {
		const k = nth.get(p.orgUnitId) ?? 0;
		nth.set(p.orgUnitId, k + 1);
		if (k % 2 === 1) partial.add(p.id);
	}
	const today = shanghaiDate(now);
	const creditHours = Number(course.creditHours);
	const cohorts = [
		// Issued ~22.5 months ago: these certificates expire within 90 days.
		{ name: DEMO_PAST_COHORTS.older, endsOn: addDays(today, -(730 - 45) - 1), learners: students.filter((p) => !partial.has(p.id)).slice(0, 3), partial: false },
		{ name: DEMO_PAST_COHORTS.recent, endsOn: addDays(today, -60), learners: [graduate, ...students], partial: true }
	];
	for (const spec of cohorts) {
		const { id: cohortId } = await db
			.insertInto('cohort')
			.values({ courseId: course.id, name: spec.name, orgUnitId: school.id, startsOn: addDays(spec.endsOn, -60), endsOn: spec.endsOn, requiredHours: creditHours, createdBy: admin.id })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db.insertInto('completionRule').values({ cohortId, requireLessons: true, minOnlineHours: creditHours, onlineHoursCap: creditHours, updatedBy: admin.id }).execute();
		if (spec.learners.length === 0) continue;
		await db.insertInto('enrollment').values(spec.learners.map((p) => ({ cohortId, personId: p.id, enrolledBy: admin.id }))).execute();
		const studied = new Date(Date.parse(`${spec.endsOn}T02:00:00Z`) - 10 * DAY);
		const progress = spec.learners.flatMap((p) =>
			lessons.slice(0, spec.partial && partial.has(p.id) ? Math.ceil(lessons.length / 2) : lessons.length).map((l) => ({
				personId: p.id,
				lessonId: l.id,
				secondsCredited: Math.round(Number(l.creditHours) * 45 * 60),
				reachedEnd: true,
				firstSeenAt: studied,
				lastSeenAt: studied,
				completedAt: studied
			}))
		);
		await db.insertInto('lessonProgress').values(progress).onConflict((oc) => oc.columns(['personId', 'lessonId']).doNothing()).execute();
		await setCohortStatus(db, admin.id, cohortId, 'closed');
		await issueCertificates(db, { cohortId, actorId: admin.id, origin, now: new Date(Date.parse(`${addDays(spec.endsOn, 3)}T02:00:00Z`)) });
	}
	return true;
}
