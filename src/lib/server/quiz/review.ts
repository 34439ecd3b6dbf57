import { learnerAttempt } from './attempt-view';
import type { PaperQuestion } from './paper-view';
import type { AnswerKey, Response } from './tables';
import type { Db } from '$lib/server/db';

export interface WrongAnswer {
	question: PaperQuestion;
	given: Response | null;
	key: AnswerKey;
	explanation: string;
	points: number;
}

export type WrongAnswerReview =
	| { ok: true; attempt: { id: number; examId: number; title: string; attemptNo: number }; total: number; wrong: WrongAnswer[] }
	| { ok: false; status: 403 | 404 | 409; message: string };

/**
 * The questions a learner got wrong in one of their own submitted attempts, with key and
 * explanation. Built on learnerAttempt, which does not even read the keys until the exam's
 * review policy releases them, so an unreleased exam cannot leak here.
 */
export async function wrongAnswerReview(db: Db, attemptId: number, personId: number): Promise<WrongAnswerReview> {
	const view = await learnerAttempt(db, attemptId, personId);
	if (!view) return { ok: false, status: 404, message: '未找到该作答记录' };
	if (view.attempt.status === 'in_progress') return { ok: false, status: 409, message: '本次作答尚未交卷，交卷并公布答案后才能查看错题' };
	const review = view.review;
	if (!review) {
		const message = view.reviewOpensAt ? '答案与解析尚未公布，考试结束后才能查看错题' : '本考试不向学员公布答案，不能查看错题';
		return { ok: false, status: 403, message };
	}
	const wrong = view.questions
		.filter((q) => !review[q.id]?.correct)
		.map((q) => ({ question: q, given: view.saved[q.id]?.response ?? null, key: review[q.id].key, explanation: review[q.id].explanation, points: q.points }));
	const { id, examId, title, attemptNo } = view.attempt;
	return { ok: true, attempt: { id, examId, title, attemptNo }, total: view.questions.length, wrong };
}
