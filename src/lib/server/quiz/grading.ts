import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { AnswerKey, PaperItem, QuestionType, Response } from './tables';
import { gradeItem, toScore, type MultipleScoring } from './grade';
import { paperMaxPoints } from './draw';
import { GRACE_SECONDS } from './policy';
import type { Db } from '$lib/server/db';

export interface GradeOutcome {
	id: number;
	before: number | null;
	score: number;
}

/**
 * Grades submitted attempts against the bank's current keys: three reads and two writes
 * however many attempts, so the time-out sweep and a regrade stay cheap.
 */
export async function gradeAttempts(trx: Db, attemptIds: number[]): Promise<GradeOutcome[]> {
	const outcomes: GradeOutcome[] = [];
	// Chunks keep each statement well under PostgreSQL's 65,535 parameters.
	for (let i = 0; i < attemptIds.length; i += 200) outcomes.push(...(await gradeChunk(trx, attemptIds.slice(i, i + 200))));
	return outcomes;
}

async function gradeChunk(trx: Db, attemptIds: number[]): Promise<GradeOutcome[]> {
	const attempts = await trx
		.selectFrom('examAttempt as a')
		.innerJoin('exam as x', 'x.id', 'a.examId')
		.select(['a.id', 'a.paper', 'a.score', 'x.passMark', 'x.multipleScoring'])
		.where('a.id', 'in', attemptIds)
		.where('a.status', '=', 'submitted')
		.execute();
	if (attempts.length === 0) return [];
	const questionIds = [...new Set(attempts.flatMap((a) => a.paper.map((i) => i.q)))];
	const [questions, answers] = await Promise.all([
		trx.selectFrom('question').select(['id', 'type', 'answer']).where('id', 'in', questionIds).execute(),
		trx
			.selectFrom('examAnswer')
			.select(['attemptId', 'questionId', 'response'])
			.where('attemptId', 'in', attempts.map((a) => a.id))
			.execute()
	]);
	const keyOf = new Map<number, { type: QuestionType; answer: AnswerKey }>(questions.map((q) => [q.id, q]));
	const given = new Map(answers.map((a) => [`${a.attemptId}:${a.questionId}`, a.response as Response]));
	const answerRows: { attemptId: number; questionId: number; correct: boolean; points: number }[] = [];
	const outcomes: (GradeOutcome & { points: number; maxPoints: number; passed: boolean })[] = [];
	for (const a of attempts) {
		let points = 0;
		for (const item of a.paper as PaperItem[]) {
			const key = keyOf.get(item.q);
			const response = given.get(`${a.id}:${item.q}`);
			const g = key ? gradeItem(key, response, item.p, a.multipleScoring as MultipleScoring) : { correct: false, points: 0 };
			points += g.points;
			if (response !== undefined) answerRows.push({ attemptId: a.id, questionId: item.q, ...g });
		}
		points = Math.round(points * 100) / 100;
		const maxPoints = paperMaxPoints(a.paper);
		const score = toScore(points, maxPoints);
		outcomes.push({ id: a.id, before: a.score, score, points, maxPoints, passed: score >= a.passMark });
	}
	if (answerRows.length) {
		const rows = answerRows.map((r) => sql`(${r.attemptId}::integer, ${r.questionId}::integer, ${r.correct}::boolean, ${r.points}::numeric)`);
		await sql`
			update exam_answer as e set correct = v.correct, points = v.points
			from (values ${sql.join(rows)}) as v(attempt_id, question_id, correct, points)
			where e.attempt_id = v.attempt_id and e.question_id = v.question_id`.execute(trx);
	}
	const rows = outcomes.map((o) => sql`(${o.id}::integer, ${o.points}::numeric, ${o.score}::numeric, ${o.passed}::boolean)`);
	await sql`
		update exam_attempt as a set points = v.points, score = v.score, passed = v.passed, graded_at = now()
		from (values ${sql.join(rows)}) as v(id, points, score, passed)
		where a.id = v.id`.execute(trx);
	return outcomes.map(({ id, before, score }) => ({ id, before, score }));
}

export interface ExpiredFilter {
	examId?: number;
	personId?: number;
	attemptId?: number;
}

/**
 * Submits, with what was saved, every attempt whose time ran out: the learner need not
 * come back. Called lazily before reads and by the server's timer; a learner's own submit
 * racing with it grades once, because both change only a row still 'in_progress'.
 */
export async function closeExpiredAttempts(db: Kysely<Database>, filter: ExpiredFilter = {}, batch = 500): Promise<number> {
	let closed = 0;
	for (;;) {
		const n = await db.transaction().execute(async (trx) => {
			let due = trx
				.selectFrom('examAttempt')
				.select('id')
				.where('status', '=', 'in_progress')
				.where(sql<boolean>`deadline_at + make_interval(secs => ${GRACE_SECONDS}) < now()`)
				.limit(batch)
				.forUpdate()
				.skipLocked();
			if (filter.examId) due = due.where('examId', '=', filter.examId);
			if (filter.personId) due = due.where('personId', '=', filter.personId);
			if (filter.attemptId) due = due.where('id', '=', filter.attemptId);
			const ids = await trx
				.updateTable('examAttempt')
				.set((eb) => ({ status: 'submitted', submittedAt: eb.ref('deadlineAt'), submitReason: 'timeout' }))
				.where('id', 'in', due)
				.where('status', '=', 'in_progress')
				.returning('id')
				.execute();
			await gradeAttempts(trx, ids.map((r) => r.id));
			return ids.length;
		});
		closed += n;
		if (n < batch) return closed;
	}
}

/** After a key fix: regrades every submitted attempt that answered one of the questions. */
export async function regradeQuestions(trx: Transaction<Database>, questionIds: number[]) {
	if (questionIds.length === 0) return { attempts: 0, changed: 0 };
	const rows = await trx
		.selectFrom('examAnswer as e')
		.innerJoin('examAttempt as a', 'a.id', 'e.attemptId')
		.select('a.id')
		.distinct()
		.where('e.questionId', 'in', questionIds)
		.where('a.status', '=', 'submitted')
		.execute();
	return summarise(await gradeAttempts(trx, rows.map((r) => r.id)));
}

export async function regradeExam(trx: Transaction<Database>, examId: number) {
	const rows = await trx.selectFrom('examAttempt').select('id').where('examId', '=', examId).where('status', '=', 'submitted').execute();
	return summarise(await gradeAttempts(trx, rows.map((r) => r.id)));
}

function summarise(outcomes: GradeOutcome[]) {
	return { attempts: outcomes.length, changed: outcomes.filter((o) => o.before !== o.score).length };
}
