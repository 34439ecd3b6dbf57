import { sql } from 'kysely';
import type { AnswerKey, PaperItem, Response } from './tables';
import { closeExpiredAttempts } from './grading';
import { lastCloseSql } from './learner-exam';
import { attemptOutcomeColumns } from './attempt-columns';
import { paperQuestions, type PaperQuestion } from './paper-view';
import { GRACE_SECONDS, visible } from './policy';
import type { Db } from '$lib/server/db';

function attemptRow(db: Db, attemptId: number, personId: number) {
	return db
		.selectFrom('examAttempt as a')
		.innerJoin('exam as x', 'x.id', 'a.examId')
		.select([
			'a.id',
			'a.examId',
			'a.attemptNo',
			'a.status',
			'a.paper',
			...attemptOutcomeColumns,
			'x.title',
			'x.passMark',
			'x.scoreVisibility',
			'x.reviewVisibility',
			'x.multipleScoring',
			lastCloseSql.as('lastClose'),
			sql<Date>`now()`.as('now')
		])
		.where('a.id', '=', attemptId)
		.where('a.personId', '=', personId)
		.executeTakeFirst();
}

export interface SavedAnswer {
	response: Response;
	seq: number;
}

export interface ReviewItem {
	key: AnswerKey;
	explanation: string;
	correct: boolean;
	points: number;
}

/**
 * An attempt as its learner may see it now. While it runs: the paper's text and the saved
 * answers, never a key (the keys are not even read). After submission: the score and the
 * review only as the exam's visibility settings allow.
 */
export async function learnerAttempt(db: Db, attemptId: number, personId: number) {
	let a = await attemptRow(db, attemptId, personId);
	if (!a) return undefined;
	if (a.status === 'in_progress' && a.deadlineAt.getTime() + GRACE_SECONDS * 1000 < new Date(a.now).getTime()) {
		await closeExpiredAttempts(db, { attemptId });
		a = (await attemptRow(db, attemptId, personId))!;
	}
	const now = new Date(a.now);
	const lastClose = new Date(a.lastClose);
	const paper = a.paper as PaperItem[];
	const ids = paper.map((i) => i.q);
	const running = a.status === 'in_progress';
	const showScore = !running && visible(a.scoreVisibility, now, lastClose);
	const showReview = !running && visible(a.reviewVisibility, now, lastClose);
	const [texts, answers, keys] = await Promise.all([
		db.selectFrom('question').select(['id', 'type', 'stem', 'options']).where('id', 'in', ids).execute(),
		db.selectFrom('examAnswer').select(['questionId', 'response', 'seq', 'correct', 'points']).where('attemptId', '=', a.id).execute(),
		showReview ? db.selectFrom('question').select(['id', 'answer', 'explanation']).where('id', 'in', ids).execute() : Promise.resolve([])
	]);
	const questions: PaperQuestion[] = paperQuestions(paper, new Map(texts.map((t) => [t.id, t])));
	const saved: Record<number, SavedAnswer> = {};
	for (const r of answers) saved[r.questionId] = { response: r.response, seq: r.seq };
	let review: Record<number, ReviewItem> | null = null;
	if (showReview) {
		const graded = new Map(answers.map((r) => [r.questionId, r]));
		review = {};
		for (const k of keys) review[k.id] = { key: k.answer, explanation: k.explanation, correct: graded.get(k.id)?.correct ?? false, points: graded.get(k.id)?.points ?? 0 };
	}
	return {
		attempt: {
			id: a.id,
			examId: a.examId,
			title: a.title,
			attemptNo: a.attemptNo,
			status: a.status,
			startedAt: a.startedAt,
			deadlineAt: a.deadlineAt,
			submittedAt: a.submittedAt,
			submitReason: a.submitReason
		},
		now,
		questions,
		saved,
		maxSeq: answers.reduce((m, r) => Math.max(m, r.seq), 0),
		result: showScore ? { score: a.score ?? 0, passed: (a.score ?? 0) >= a.passMark, passMark: a.passMark, points: a.points ?? 0, maxPoints: a.maxPoints } : null,
		scoreOpensAt: !running && !showScore && a.scoreVisibility === 'after_close' ? lastClose : null,
		review,
		reviewOpensAt: !running && !showReview && a.reviewVisibility === 'after_close' ? lastClose : null
	};
}

export type LearnerAttempt = NonNullable<Awaited<ReturnType<typeof learnerAttempt>>>;
