import { hoursForPeople } from '../study/hours';
import type { Db } from '$lib/server/db';

export interface ExamRequirements {
	requireLessons: boolean;
	/** numeric column: a string from postgres.js */
	minHours: number | string | null;
}

export interface Readiness {
	requireLessons: boolean;
	minHours: number | null;
	lessonsRequired: number;
	lessonsDone: number;
	hours: number;
	/** what is still missing, in words; empty when the learner may start */
	missing: string[];
}

export const hasRequirements = (exam: ExamRequirements) => exam.requireLessons || exam.minHours !== null;

/**
 * How far a learner is from what the exam asks before an attempt starts. Lessons and 学时 are
 * counted as the cohort's progress counts them (published versions, each lesson held to its 学时).
 */
export async function examReadiness(db: Db, exam: ExamRequirements & { courseId: number }, personId: number): Promise<Readiness> {
	const [required, hours] = await Promise.all([
		db
			.selectFrom('lesson as l')
			.innerJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('l.courseId', '=', exam.courseId)
			.where('v.required', '=', true)
			.executeTakeFirstOrThrow(),
		hoursForPeople(db, [personId], exam.courseId)
	]);
	const mine = hours.get(personId)!;
	return readinessOf(exam, Number(required.n), mine.requiredLessonsCompleted, mine.hours);
}

/** Readiness from the counts examReadiness reads (the home page reads them in its own statement). */
export function readinessOf(exam: ExamRequirements, lessonsRequired: number, lessonsDone: number, hours: number): Readiness {
	const minHours = exam.minHours === null ? null : Number(exam.minHours);
	const missing: string[] = [];
	if (exam.requireLessons && lessonsDone < lessonsRequired) {
		missing.push(`完成全部必修课（已完成 ${lessonsDone}/${lessonsRequired} 节）`);
	}
	if (minHours !== null && hours < minHours) missing.push(`学时达到 ${minHours}（目前 ${hours}）`);
	return { requireLessons: exam.requireLessons, minHours, lessonsRequired, lessonsDone, hours, missing };
}

/** The refusal a learner reads when they try to start too early. */
export const readinessRefusal = (r: Readiness) => `尚未达到开考要求：须先${r.missing.join('，并')}。请继续学习后再开始考试。`;
