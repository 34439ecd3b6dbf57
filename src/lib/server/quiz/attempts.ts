import { sql } from 'kysely';
import type { PaperItem, Response } from './tables';
import { jsonb } from './jsonb';
import { drawPaper, newSeed, paperMaxPoints } from './draw';
import { drawPool } from './pool';
import { paperQuestions, type PaperQuestion } from './paper-view';

import { closeExpiredAttempts, gradeAttempts } from './grading';
import { learnerExam, type LearnerExam } from './learner-exam';
import { windowState, GRACE_SECONDS } from './policy';
import { examReadiness, hasRequirements, readinessRefusal } from './readiness';
import { prepared } from '../db/prepared';
import type { Db } from '$lib/server/db';

export class ExamError extends Error {
	constructor(
		public status: 400 | 403 | 404 | 409,
		message: string
	) {
		super(message);
	}
}

function isUniqueViolation(e: unknown) {
	return typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === '23505';
}

/** Why a learner cannot start now, or null. */
export function startRefusal(exam: LearnerExam) {
	const state = windowState(exam.times, exam.now);
	if (state === 'upcoming') return '考试尚未开始';
	if (state === 'closed') return '考试已结束';
	if (exam.attempts.length >= exam.times.attemptsAllowed) return '作答次数已用完';
	return null;
}

/**
 * Starts an attempt, or returns the one already running (a second tab, a reload, a double
 * click). The unique index on running attempts decides races between two starts.
 */
export interface Started {
	attemptId: number;
	resumed: boolean;
	/** a new attempt's paper, from the cached pool: the client needs no second request */
	paper?: { questions: PaperQuestion[]; deadlineAt: Date; now: Date };
}

// Built once (db/prepared.ts), as 2,000 starts a second on exam day would otherwise have Kysely
// build it each time. The paper goes as JSON text: one statement on both engines.
const insertAttempt = prepared(
	(db: Db, examId: number, personId: number, attemptNo: number, seed: number, paper: string, maxPoints: number, minutes: number, closes: Date) =>
		sql<{ id: number; deadlineAt: Date; startedAt: Date }>`
			insert into exam_attempt (exam_id, person_id, attempt_no, seed, paper, max_points, deadline_at)
			values (${examId}::integer, ${personId}::integer, ${attemptNo}::integer, ${seed}::integer, ${paper}::text::jsonb, ${maxPoints}::numeric,
				least(now() + make_interval(mins => ${minutes}::integer), ${closes}::timestamptz))
			returning id, deadline_at, started_at`
);

export async function startAttempt(db: Db, examId: number, personId: number): Promise<Started> {
	let exam = await learnerExam(db, examId, personId);
	if (!exam) throw new ExamError(404, '未找到该考试');
	const running = exam.attempts.find((a) => a.status === 'in_progress');
	if (running) {
		if (running.deadlineAt.getTime() + GRACE_SECONDS * 1000 > exam.now.getTime()) return { attemptId: running.id, resumed: true };
		await closeExpiredAttempts(db, { attemptId: running.id });
		exam = (await learnerExam(db, examId, personId))!;
	}
	const refusal = startRefusal(exam);
	if (refusal) throw new ExamError(409, refusal);
	// Only exams that ask for something pay for the progress query.
	if (hasRequirements(exam)) {
		const readiness = await examReadiness(db, exam, personId);
		if (readiness.missing.length) throw new ExamError(409, readinessRefusal(readiness));
	}
	const seed = newSeed();
	const pool = await drawPool(db, exam.courseId);
	let paper: PaperItem[];
	try {
		paper = drawPaper(pool, exam.rules, seed, exam);
	} catch {
		throw new ExamError(409, '题库中的题目不足以组卷，请联系授课教师');
	}
	const closes = exam.times.closesAt;
	try {
		const row = await insertAttempt.first(db, examId, personId, exam.attempts.length + 1, seed, JSON.stringify(paper), paperMaxPoints(paper), exam.times.minutes, closes);
		if (!row) throw new Error('exam_attempt insert returned no row');
		const questions = paperQuestions(paper, new Map(pool.map((q) => [q.id, q])));
		return { attemptId: row.id, resumed: false, paper: { questions, deadlineAt: row.deadlineAt, now: row.startedAt } };
	} catch (e) {
		if (!isUniqueViolation(e)) throw e;
		const again = await learnerExam(db, examId, personId);
		const other = again?.attempts.find((a) => a.status === 'in_progress');
		if (other) return { attemptId: other.id, resumed: true };
		throw new ExamError(409, '请刷新页面后重试');
	}
}

export type SaveResult = { ok: true; savedAt: Date } | { ok: false; status: 404 | 409; message: string; stale?: boolean };

/**
 * Saves one answer as given: a single statement that also checks the attempt is this
 * person's, still running, in time and has this question. It takes a share lock on the
 * attempt, so a submit waits for saves in flight and a save after a submit is refused.
 */
export async function saveAnswer(db: Db, input: { attemptId: number; personId: number; questionId: number; response: Response; seq: number }): Promise<SaveResult> {
	const saved = await db
		.insertInto('examAnswer')
		.columns(['attemptId', 'questionId', 'response', 'seq'])
		.expression((eb) =>
			eb
				.selectFrom('examAttempt as a')
				.select([
					'a.id',
					sql<number>`${input.questionId}::integer`.as('questionId'),
					jsonb(input.response).as('response'),
					sql<number>`${input.seq}::bigint`.as('seq')
				])
				.where('a.id', '=', input.attemptId)
				.where('a.personId', '=', input.personId)
				.where('a.status', '=', 'in_progress')
				.where(sql<boolean>`now() < a.deadline_at + make_interval(secs => ${GRACE_SECONDS})`)
				.where(sql<boolean>`a.paper @> ${sql.val([{ q: input.questionId }])}::jsonb`)
				.forShare()
		)
		.onConflict((oc) =>
			oc
				.columns(['attemptId', 'questionId'])
				.doUpdateSet((eb) => ({ response: eb.ref('excluded.response'), seq: eb.ref('excluded.seq'), savedAt: sql`now()` }))
				.where('examAnswer.seq', '<=', (eb) => eb.ref('excluded.seq'))
		)
		.returning('savedAt')
		.executeTakeFirst();
	if (saved) return { ok: true, savedAt: saved.savedAt };
	return explainRefusedSave(db, input);
}

// Only on the rare refused save: say why, in words a learner can act on.
export async function explainRefusedSave(db: Db, input: { attemptId: number; personId: number; questionId: number }): Promise<SaveResult> {
	const a = await db
		.selectFrom('examAttempt as a')
		.leftJoin('examAnswer as e', (j) => j.onRef('e.attemptId', '=', 'a.id').on('e.questionId', '=', input.questionId))
		.select([
			'a.status',
			'e.savedAt',
			sql<boolean>`a.paper @> ${sql.val([{ q: input.questionId }])}::jsonb`.as('onPaper'),
			sql<boolean>`now() < a.deadline_at + make_interval(secs => ${GRACE_SECONDS})`.as('inTime')
		])
		.where('a.id', '=', input.attemptId)
		.where('a.personId', '=', input.personId)
		.executeTakeFirst();
	if (!a || !a.onPaper) return { ok: false, status: 404, message: '未找到该题目' };
	if (a.status === 'submitted') return { ok: false, status: 409, message: '本次作答已交卷，答案不能再修改' };
	if (!a.inTime) return { ok: false, status: 409, message: '作答时间已到，答案未能保存' };
	return { ok: false, status: 409, message: '已有更新的答案', stale: true };
}

export type SubmitResult = { ok: true; score: number } | { ok: false; status: 404 | 409; message: string };

/**
 * Submits and grades in one transaction. Only a row still 'in_progress' changes, so two
 * tabs, a double click and the time-out sweep together grade an attempt exactly once.
 */
export async function submitAttempt(db: Db, attemptId: number, personId: number): Promise<SubmitResult> {
	const result = await db.transaction().execute(async (trx) => {
		const row = await trx
			.updateTable('examAttempt')
			.set({
				status: 'submitted',
				submittedAt: sql`least(now(), deadline_at)`,
				submitReason: sql`case when now() > deadline_at + make_interval(secs => ${GRACE_SECONDS}) then 'timeout' else 'learner' end`
			})
			.where('id', '=', attemptId)
			.where('personId', '=', personId)
			.where('status', '=', 'in_progress')
			.returning('id')
			.executeTakeFirst();
		if (!row) return undefined;
		const [graded] = await gradeAttempts(trx, [row.id]);
		return graded;
	});
	if (result) return { ok: true, score: result.score };
	const exists = await db.selectFrom('examAttempt').select('status').where('id', '=', attemptId).where('personId', '=', personId).executeTakeFirst();
	if (!exists) return { ok: false, status: 404, message: '未找到该作答记录' };
	return { ok: false, status: 409, message: '本次作答已经交卷，不能重复提交' };
}
