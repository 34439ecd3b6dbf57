import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { effectiveTimes } from './policy';
import { prepared } from '../db/prepared';
import type { Db } from '$lib/server/db';

/** The latest close of an exam, 补考 windows included: when 'after_close' review opens. */
export const lastCloseSql = sql<Date>`greatest(x.closes_at, (select max(ov2.closes_at) from exam_override ov2 where ov2.exam_id = x.id))`;

// Only the exams of cohorts the learner is enrolled in, each with the learner's 补考 override if any.
function enrolledExams(db: Db, personId: number) {
	return db
		.selectFrom('exam as x')
		.innerJoin('cohort as c', 'c.id', 'x.cohortId')
		.innerJoin('enrollment as e', (j) => j.onRef('e.cohortId', '=', 'c.id').on('e.personId', '=', personId))
		.leftJoin('examOverride as ov', (j) => j.onRef('ov.examId', '=', 'x.id').on('ov.personId', '=', personId));
}

// How the exam may be sat and counted: window, time limit, attempts, pass mark, which attempt counts.
const sittingColumns = ['x.opensAt', 'x.closesAt', 'x.timeLimitMinutes', 'x.attemptsAllowed', 'x.passMark', 'x.gradingMethod'] as const;

// The learner's own 补考 window and the clocks it is judged by (effectiveTimes, review after close).
const windowColumns = ['ov.extraAttempts', 'ov.extraMinutes', 'ov.opensAt as ovOpensAt', 'ov.closesAt as ovClosesAt', lastCloseSql.as('lastClose'), sql<Date>`now()`.as('now')] as const;

/**
 * One exam as one enrolled learner sees it, with the database's clock: every time decision
 * (window, deadline, visibility) is taken against `now`, not the web server's clock.
 * Undefined when the exam does not exist or the person is not enrolled in its cohort.
 */
// Every exam page and every start reads it (2,000 starts a second on exam day): built once
// (db/prepared.ts), since Kysely building this query cost more CPU than PostgreSQL answering it.
const learnerExamRow = prepared((db: Db, examId: number, personId: number) =>
	enrolledExams(db, personId)
		.innerJoin('course as k', 'k.id', 'c.courseId')
		.select((eb) => [
			'x.id',
			'x.title',
			'x.cohortId',
			'c.name as cohortName',
			'c.courseId',
			'k.title as courseTitle',
			...sittingColumns,
			'x.multipleScoring',
			'x.rules',
			'x.shuffleQuestions',
			'x.shuffleOptions',
			'x.scoreVisibility',
			'x.reviewVisibility',
			'x.requireLessons',
			'x.minHours',
			...windowColumns,
			jsonArrayFrom(
				eb
					.selectFrom('examAttempt as a')
					.select(['a.id', 'a.attemptNo', 'a.status', 'a.startedAt', 'a.deadlineAt', 'a.submittedAt', 'a.submitReason', 'a.score', 'a.passed'])
					.whereRef('a.examId', '=', 'x.id')
					.where('a.personId', '=', personId)
					.orderBy('a.attemptNo')
			).as('attempts')
		])
		.where('x.id', '=', examId)
);

export async function learnerExam(db: Db, examId: number, personId: number) {
	const row = await learnerExamRow.first(db, examId, personId);
	if (!row) return undefined;
	const override = row.extraAttempts === null ? null : { extraAttempts: row.extraAttempts, extraMinutes: row.extraMinutes, opensAt: row.ovOpensAt, closesAt: row.ovClosesAt };
	// jsonArrayFrom hands back timestamps as strings.
	const attempts = row.attempts.map((a) => ({
		...a,
		score: a.score === null ? null : Number(a.score),
		startedAt: new Date(a.startedAt),
		deadlineAt: new Date(a.deadlineAt),
		submittedAt: a.submittedAt ? new Date(a.submittedAt) : null
	}));
	return { ...row, attempts, lastClose: new Date(row.lastClose), now: new Date(row.now), override, times: effectiveTimes(row, override) };
}

export type LearnerExam = NonNullable<Awaited<ReturnType<typeof learnerExam>>>;

// The exam page imports it from here; the rule itself lives in counting.ts.
export { countingAttempt } from './counting';

/** Exams of the cohorts a person is enrolled in, newest first. */
export function myExams(db: Db, personId: number) {
	return myExamsQuery(db, personId).execute();
}

/** The query of myExams, unexecuted (the home page nests it in its one statement). */
export function myExamsQuery(db: Db, personId: number) {
	return enrolledExams(db, personId)
		.select((eb) => [
			'x.id',
			'x.title',
			'c.name as cohortName',
			'x.cohortId',
			'c.courseId',
			...sittingColumns,
			'x.scoreVisibility',
			'x.requireLessons',
			'x.minHours',
			...windowColumns,
			jsonArrayFrom(
				eb
					.selectFrom('examAttempt as a')
					.select(['a.attemptNo', 'a.status', 'a.score'])
					.whereRef('a.examId', '=', 'x.id')
					.where('a.personId', '=', personId)
					.orderBy('a.attemptNo')
			).as('attempts')
		])
		.orderBy('x.opensAt', 'desc')
		.orderBy('x.id', 'desc');
}
