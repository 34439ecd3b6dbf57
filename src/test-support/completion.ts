import { buildCourse, buildSchool } from './cohorts';
import type { Db } from '$lib/server/db';

/** A cohort of the test course with some learners enrolled. */
export async function buildCohort(db: Db, courseId: number, orgUnitId: number, personIds: number[], extra: Partial<{ name: string; startsOn: string; endsOn: string; requiredHours: number }> = {}) {
	const { id } = await db
		.insertInto('cohort')
		.values({ courseId, name: '第45期入党积极分子培训班', orgUnitId, startsOn: '2026-03-01', endsOn: '2026-04-30', requiredHours: 4, ...extra })
		.returning('id')
		.executeTakeFirstOrThrow();
	if (personIds.length) await db.insertInto('enrollment').values(personIds.map((personId) => ({ cohortId: id, personId }))).execute();
	return id;
}

/** Marks lessons completed with their full time credited (2 学时 = 90 minutes at 45 min/学时). */
export async function completeLessons(db: Db, personId: number, lessons: { id: number; hours: number }[]) {
	await db
		.insertInto('lessonProgress')
		.values(lessons.map((l) => ({ personId, lessonId: l.id, secondsCredited: l.hours * 45 * 60, reachedEnd: true, completedAt: new Date('2026-03-20T02:00:00Z') })))
		.execute();
}

/** The cohorts test school and course, one cohort in which a1 and m1 have done everything. */
export async function buildCompletion(db: Db) {
	const s = await buildSchool(db);
	const course = await buildCourse(db);
	const cohortId = await buildCohort(db, course.id, s.units.school.id, [s.learners.a1.id, s.learners.a2.id, s.learners.m1.id]);
	const all = [
		{ id: course.lessons.one, hours: 2 },
		{ id: course.lessons.two, hours: 2 }
	];
	await completeLessons(db, s.learners.a1.id, all);
	await completeLessons(db, s.learners.m1.id, all);
	await completeLessons(db, s.learners.a2.id, all.slice(0, 1));
	return { ...s, course, cohortId };
}
