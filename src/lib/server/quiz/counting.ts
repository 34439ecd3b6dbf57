import { sql, type Expression } from 'kysely';

export type GradingMethod = 'highest' | 'last';

/*
 * Which attempt counts, the one rule for the results table, completion and the learner's own
 * page: among the learner's submitted attempts that have a score — one still running or not
 * graded yet does not count — the best (the earliest of equal scores), or with 'last' the
 * latest. A 补考 retake is one more attempt under the same rule.
 */

/** The attempt that counts among one learner's attempts of one exam, undefined when none. */
export function countingAttempt<T extends { status: string; attemptNo: number; score: number | null }>(attempts: T[], method: GradingMethod): (T & { score: number }) | undefined {
	const done = attempts.filter((a): a is T & { score: number } => a.status === 'submitted' && a.score !== null);
	if (done.length === 0) return undefined;
	return method === 'last'
		? done.reduce((a, b) => (b.attemptNo > a.attemptNo ? b : a))
		: done.reduce((a, b) => (b.score > a.score || (b.score === a.score && b.attemptNo < a.attemptNo) ? b : a));
}

/**
 * The same rule in SQL: the counting attempt's score of one exam for one person, null when
 * none counts. Each argument is a value or a column of the surrounding query.
 */
export function countingScoreSql(examId: number | Expression<number>, personId: number | Expression<number>, method: GradingMethod | Expression<GradingMethod>) {
	return sql<number | null>`(
		select ca.score from exam_attempt ca
		where ca.exam_id = ${examId} and ca.person_id = ${personId} and ca.status = 'submitted' and ca.score is not null
		order by case when ${method} = 'highest' then ca.score end desc nulls last,
			case when ${method} = 'last' then ca.attempt_no end desc nulls last,
			ca.attempt_no
		limit 1)`;
}
