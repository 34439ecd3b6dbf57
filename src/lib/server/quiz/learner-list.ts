import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { closeExpiredAttempts } from './grading';
import { myExams } from './learner-exam';
import { countingAttempt } from './counting';
import { effectiveTimes, visible, windowState, type WindowState } from './policy';

/** A learner's exams with their state and the score that counts, as far as they may see it. */
export async function myExamList(db: Kysely<Database>, personId: number) {
	await closeExpiredAttempts(db, { personId });
	const rows = await myExams(db, personId);
	return rows.map(examListItem);
}

/**
 * One row of myExams as the learner's list shows it. The home page reads the rows without
 * closing expired attempts first (no write per page view): an attempt past its deadline may still
 * count as running there until the exam list or the attempt itself is opened.
 */
export function examListItem(x: Awaited<ReturnType<typeof myExams>>[number]) {
	const override = x.extraAttempts === null ? null : { extraAttempts: x.extraAttempts, extraMinutes: x.extraMinutes, opensAt: x.ovOpensAt, closesAt: x.ovClosesAt };
	const times = effectiveTimes(x, override);
	const now = new Date(x.now);
	const attempts = x.attempts.map((a) => ({ ...a, score: a.score === null ? null : Number(a.score) }));
	const counting = countingAttempt(attempts, x.gradingMethod);
	const showScore = visible(x.scoreVisibility, now, new Date(x.lastClose));
	const state: WindowState = windowState(times, now);
	return {
		id: x.id,
		title: x.title,
		cohortName: x.cohortName,
		opensAt: times.opensAt,
		closesAt: times.closesAt,
		minutes: times.minutes,
		attemptsUsed: attempts.length,
		attemptsAllowed: times.attemptsAllowed,
		running: attempts.some((a) => a.status === 'in_progress'),
		state,
		score: showScore && counting ? counting.score : null,
		passed: showScore && counting ? (counting.score ?? 0) >= x.passMark : null,
		cohortId: x.cohortId,
		courseId: x.courseId,
		requireLessons: x.requireLessons,
		minHours: x.minHours
	};
}
