import { sql } from 'kysely';
import { countingScoreSql } from './counting';
import type { Db } from '$lib/server/db';

/** What the completion rule reads of one learner's final exam. */
export interface FinalExamFacts {
	title: string;
	passMark: number;
	/** by the exam's grading method, over graded attempts (counting.ts); null before any is graded */
	score: number | null;
	passed: boolean | null;
	attemptsUsed: number;
	/** including a make-up override's extra attempts */
	attemptsAllowed: number;
	/** this learner's window, a make-up override applied */
	opensAt: Date;
	closesAt: Date;
	inProgress: boolean;
}

/**
 * The final exams' results for many learners in a fixed number of queries: `learners` has a
 * row for everyone with an attempt or a 补考 override, `exams` (by exam id) what everyone
 * else stands at: no attempt, the exam's own window.
 */
export async function finalExamFacts(db: Db, finalExams: { cohortId: number; examId: number }[], personIds: number[], now: Date) {
	const exams = new Map<number, FinalExamFacts>();
	const learners = new Map<string, { cohortId: number; personId: number; facts: FinalExamFacts }>();
	const result = () => ({ learners: [...learners.values()], exams });
	if (finalExams.length === 0 || personIds.length === 0) return result();
	const examIds = finalExams.map((e) => e.examId);
	const [defs, attempts, overrides] = await Promise.all([
		db.selectFrom('exam').select(['id', 'cohortId', 'title', 'passMark', 'attemptsAllowed', 'opensAt', 'closesAt']).where('id', 'in', examIds).execute(),
		db
			.selectFrom('examAttempt as a')
			.innerJoin('exam as x', 'x.id', 'a.examId')
			.select([
				'a.examId',
				'a.personId',
				sql<number>`count(*)`.as('attemptsUsed'),
				sql<boolean>`bool_or(a.status = 'in_progress' and a.deadline_at > ${now})`.as('inProgress'),
				countingScoreSql(sql.ref('a.examId'), sql.ref('a.personId'), sql.ref('x.gradingMethod')).as('score')
			])
			.where('a.examId', 'in', examIds)
			.where('a.personId', 'in', personIds)
			.groupBy(['a.examId', 'a.personId', 'x.gradingMethod'])
			.execute(),
		// Overrides too of learners who have not started (a 补考 window granted before any attempt).
		db.selectFrom('examOverride').select(['examId', 'personId', 'extraAttempts', 'opensAt', 'closesAt']).where('examId', 'in', examIds).where('personId', 'in', personIds).execute()
	]);
	const cohortOf = new Map(defs.map((d) => [d.id, d.cohortId]));
	for (const d of defs)
		exams.set(d.id, { title: d.title, passMark: Number(d.passMark), score: null, passed: null, attemptsUsed: 0, attemptsAllowed: d.attemptsAllowed, opensAt: d.opensAt, closesAt: d.closesAt, inProgress: false });
	const own = (examId: number, personId: number) => {
		const k = `${examId}:${personId}`;
		let row = learners.get(k);
		if (!row) learners.set(k, (row = { cohortId: cohortOf.get(examId)!, personId, facts: { ...exams.get(examId)! } }));
		return row.facts;
	};
	for (const o of overrides) {
		const f = own(o.examId, o.personId);
		f.attemptsAllowed += o.extraAttempts;
		f.opensAt = o.opensAt ?? f.opensAt;
		f.closesAt = o.closesAt ?? f.closesAt;
	}
	for (const r of attempts) {
		const f = own(r.examId, r.personId);
		f.score = r.score === null ? null : Number(r.score);
		f.passed = f.score === null ? null : f.score >= f.passMark;
		f.attemptsUsed = Number(r.attemptsUsed);
		f.inProgress = r.inProgress;
	}
	return result();
}
