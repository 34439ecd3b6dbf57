import type { Insertable, Kysely } from 'kysely';
import type { Database } from '$lib/server/db/schema';
import { buildCourse, buildSchool } from './cohorts';
import type { ClassSessionTable } from '$lib/server/attendance/tables';
import { checkInSecret } from '$lib/server/attendance/codes';
import { testDatabase } from './db';

/** The cohort tests' school, one cohort (school-wide) taught by `instructor`, with every learner enrolled. */
export async function buildAttendanceSchool(db: Kysely<Database>) {
	const school = await buildSchool(db);
	const course = await buildCourse(db);
	const { id: cohortId } = await db
		.insertInto('cohort')
		.values({ courseId: course.id, name: '第45期入党积极分子培训班', orgUnitId: school.units.school.id, startsOn: '2026-03-01', endsOn: '2026-06-30', requiredHours: 4 })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db.insertInto('cohortInstructor').values({ cohortId, personId: school.users.instructor.id }).execute();
	await db
		.insertInto('enrollment')
		.values(Object.values(school.learners).map((l) => ({ cohortId, personId: l.id })))
		.execute();
	return { ...school, cohortId };
}

export const sessionDefaults = {
	kind: 'lecture' as const,
	place: '报告厅',
	creditHours: 2,
	checkinOpensMin: 15,
	lateAfterMin: 10,
	checkinClosesMin: 30,
	codeSeconds: 10,
	allowedNetworks: [] as string[]
};

export async function insertSession(db: Kysely<Database>, cohortId: number, startsAt: Date, values: Partial<Insertable<ClassSessionTable>> = {}) {
	const { id } = await db
		.insertInto('session')
		.values({ ...sessionDefaults, title: '党课', cohortId, startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000), ...values })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/** A test file's own database with the attendance school in it, and the check-in secret. */
export async function attendanceTestDatabase() {
	const t = await testDatabase();
	const school = await buildAttendanceSchool(t.db);
	return { t, school, secret: await checkInSecret(t.db) };
}
export type AttendanceTest = Awaited<ReturnType<typeof attendanceTestDatabase>>;
