import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { StudySettings } from './accounting';
import { studySettings } from './settings';

export interface PersonHours {
	personId: number;
	/** Published lessons of the course completed (read to the end after the minimum time). */
	lessonsCompleted: number;
	requiredLessonsCompleted: number;
	/** Credited seconds summed over the course's published lessons, each held to its current cap. */
	secondsCredited: number;
	/** 学时, rounded down to a tenth (so 44.96 never shows as the 45 a cohort may require). */
	hours: number;
}

/** 学时 from credited seconds, rounded down to a tenth (PersonHours.hours). */
export const hoursOfSeconds = (seconds: number, creditHourMinutes: number) => Math.floor((seconds / (creditHourMinutes * 60)) * 10 + 1e-9) / 10;

/**
 * hoursForPeople's 学时 of one person from their studied lessons ([seconds credited, the lesson's
 * 学时] each, published lessons of one course): each lesson held to its cap, as its SQL holds it.
 */
export function hoursOfStudied(studied: readonly (readonly [number, number | string])[], creditHourMinutes: number) {
	let seconds = 0;
	for (const [credited, creditHours] of studied) seconds += Math.min(credited, Math.round(Number(creditHours) * creditHourMinutes * 60));
	return hoursOfSeconds(seconds, creditHourMinutes);
}

/**
 * Study hours of many people in one course, in one grouped query (for cohort progress, rosters,
 * completion). Everyone asked for is in the result, with zeros if they never studied. The cap is
 * applied again here because a lesson republished with fewer 学时 keeps older, larger credit.
 */
export async function hoursForPeople(
	db: Kysely<Database>,
	personIds: readonly number[],
	courseId: number,
	settings?: StudySettings
): Promise<Map<number, PersonHours>> {
	const result = new Map<number, PersonHours>();
	if (personIds.length === 0) return result;
	const { creditHourMinutes } = settings ?? (await studySettings(db));
	const ids = [...new Set(personIds)];
	const rows = await db
		.selectFrom('lessonProgress as p')
		.innerJoin('lesson as l', 'l.id', 'p.lessonId')
		.innerJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
		.where('l.courseId', '=', courseId)
		.where('p.personId', 'in', ids)
		.groupBy('p.personId')
		.select((eb) => [
			'p.personId',
			eb.fn.count<number>('p.completedAt').as('lessonsCompleted'),
			sql<number>`count(p.completed_at) filter (where v.required)`.as('requiredLessonsCompleted'),
			sql<number>`sum(least(p.seconds_credited, round(v.credit_hours * ${creditHourMinutes}::numeric * 60)))::int`.as('secondsCredited')
		])
		.execute();
	for (const id of ids) result.set(id, { personId: id, lessonsCompleted: 0, requiredLessonsCompleted: 0, secondsCredited: 0, hours: 0 });
	for (const r of rows) {
		const secondsCredited = Number(r.secondsCredited);
		result.set(r.personId, {
			personId: r.personId,
			lessonsCompleted: Number(r.lessonsCompleted),
			requiredLessonsCompleted: Number(r.requiredLessonsCompleted),
			secondsCredited,
			hours: hoursOfSeconds(secondsCredited, creditHourMinutes)
		});
	}
	return result;
}
