import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildCourse, buildSchool } from '../../../test-support/cohorts';
import { saveAnswer, startAttempt, submitAttempt, ExamError } from './attempts';
import { learnerAttempt } from './attempt-view';
import { closeExpiredAttempts } from './grading';
import { createExam, setOverride } from './exams';
import { updateQuestion } from './bank';
import { buildBank, buildExamCohort, examValues } from '../../../test-support/quiz';
import type { AnswerKey, PaperItem, Response } from './tables';

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildSchool>>;
let courseId: number;
let cohortId: number;
let bank: Awaited<ReturnType<typeof buildBank>>;
const keyOf = new Map<number, AnswerKey>();

async function paperOf(attemptId: number) {
	const row = await t.db.selectFrom('examAttempt').select(['paper', 'status', 'score', 'submitReason', 'gradedAt']).where('id', '=', attemptId).executeTakeFirstOrThrow();
	return { ...row, paper: row.paper as PaperItem[] };
}

const rightAnswer = (key: AnswerKey): Response => (Array.isArray(key) && typeof key[0] === 'string' ? (key[0] as string) : (key as Response));

/** Answers every question: right, except the first `wrong` ones. */
async function answerAll(attemptId: number, personId: number, wrong = 0) {
	const { paper } = await paperOf(attemptId);
	for (const [k, item] of paper.entries()) {
		const key = keyOf.get(item.q)!;
		const response: Response = k < wrong ? (typeof key === 'boolean' ? !key : typeof key === 'number' ? (key + 1) % 4 : Array.isArray(key) && typeof key[0] === 'number' ? [1] : '错') : rightAnswer(key);
		const r = await saveAnswer(t.db, { attemptId, personId, questionId: item.q, response, seq: k + 1 });
		expect(r.ok).toBe(true);
	}
	return paper;
}

async function newExam(values = {}) {
	return createExam(t.db, s.users.admin.id, cohortId, examValues(values));
}

beforeAll(async () => {
	t = await testDatabase();
	s = await buildSchool(t.db);
	({ id: courseId } = await buildCourse(t.db));
	bank = await buildBank(t.db, courseId);
	for (const q of bank) keyOf.set(q.id, q.answer);
	cohortId = await buildExamCohort(t.db, s, courseId);
});
afterAll(() => t.close());

describe('starting an attempt', () => {
	it('draws a paper by the rules and resumes it instead of starting a second one', async () => {
		const examId = await newExam();
		const { a1 } = s.learners;
		const first = await startAttempt(t.db, examId, a1.id);
		expect(first.resumed).toBe(false);
		const { paper } = await paperOf(first.attemptId);
		expect(paper).toHaveLength(11);
		expect(paper.reduce((n, i) => n + i.p, 0)).toBe(28);
		expect(await startAttempt(t.db, examId, a1.id)).toEqual({ attemptId: first.attemptId, resumed: true });
		// The new attempt's paper comes back with the start: the stored paper's order, text only.
		expect(first.paper!.questions.map((q) => q.id)).toEqual(paper.map((i) => i.q));
		expect(first.paper!.deadlineAt.getTime() - first.paper!.now.getTime()).toBe(30 * 60_000);
		expect(JSON.stringify(first)).not.toMatch(/"answer"|"explanation"|解析/);
	});

	it('runs one attempt per learner even when two tabs start at once', async () => {
		const examId = await newExam({ attemptsAllowed: 3 });
		const { a2 } = s.learners;
		const [x, y] = await Promise.all([startAttempt(t.db, examId, a2.id), startAttempt(t.db, examId, a2.id)]);
		expect(x.attemptId).toBe(y.attemptId);
		const rows = await t.db.selectFrom('examAttempt').select('id').where('examId', '=', examId).execute();
		expect(rows).toHaveLength(1);
		// The index itself refuses a second running attempt.
		await expect(
			t.db.insertInto('examAttempt').values({ examId, personId: a2.id, attemptNo: 2, seed: 1, paper: [], maxPoints: 0, deadlineAt: new Date(Date.now() + 60_000) }).execute()
		).rejects.toThrow();
	});

	it('refuses learners outside the cohort, before the window and after the last attempt', async () => {
		const examId = await newExam();
		await expect(startAttempt(t.db, examId, s.learners.pg1.id)).rejects.toMatchObject({ status: 404 });
		const later = await newExam({ opensAt: new Date(Date.now() + 3600_000), closesAt: new Date(Date.now() + 7200_000) });
		await expect(startAttempt(t.db, later, s.learners.a1.id)).rejects.toThrow('考试尚未开始');
		const { attemptId } = await startAttempt(t.db, examId, s.learners.a3.id);
		expect((await submitAttempt(t.db, attemptId, s.learners.a3.id)).ok).toBe(true);
		await expect(startAttempt(t.db, examId, s.learners.a3.id)).rejects.toBeInstanceOf(ExamError);
		await expect(startAttempt(t.db, examId, s.learners.a3.id)).rejects.toThrow('作答次数已用完');
	});

	it('lets a 补考 override give another attempt, its own window and more time', async () => {
		const examId = await newExam({ closesAt: new Date(Date.now() - 60_000), opensAt: new Date(Date.now() - 7200_000) });
		const { m2 } = s.learners;
		await expect(startAttempt(t.db, examId, m2.id)).rejects.toThrow('考试已结束');
		await setOverride(t.db, s.users.admin.id, examId, {
			personId: m2.id,
			extraAttempts: 1,
			extraMinutes: 15,
			opensAt: new Date(Date.now() - 60_000),
			closesAt: new Date(Date.now() + 24 * 3600_000),
			note: '因病补考'
		});
		const { attemptId } = await startAttempt(t.db, examId, m2.id);
		const row = await t.db.selectFrom('examAttempt').select(['startedAt', 'deadlineAt']).where('id', '=', attemptId).executeTakeFirstOrThrow();
		expect(row.deadlineAt.getTime() - row.startedAt.getTime()).toBe(45 * 60_000);
	});
});

describe('answering', () => {
	it('never sends a key or an explanation while the attempt runs', async () => {
		const examId = await newExam();
		const { a1 } = s.learners;
		const { attemptId } = await startAttempt(t.db, examId, a1.id);
		await answerAll(attemptId, a1.id);
		const view = (await learnerAttempt(t.db, attemptId, a1.id))!;
		expect(view.attempt.status).toBe('in_progress');
		expect(view.questions).toHaveLength(11);
		expect(Object.keys(view.saved)).toHaveLength(11);
		const json = JSON.stringify(view);
		expect(json).not.toMatch(/"answer"|"explanation"|"key"|"correct"|解析/);
		expect(view.result).toBeNull();
		expect(view.review).toBeNull();
	});

	it('saves idempotently, ignores a late retry of an older answer, and refuses other people', async () => {
		const examId = await newExam();
		const { a2, m1 } = s.learners;
		const { attemptId } = await startAttempt(t.db, examId, a2.id);
		const { paper } = await paperOf(attemptId);
		const single = paper.find((i) => typeof keyOf.get(i.q) === 'number')!;
		const save = (response: Response, seq: number, personId = a2.id, questionId = single.q) => saveAnswer(t.db, { attemptId, personId, questionId, response, seq });
		expect((await save(0, 1)).ok).toBe(true);
		expect((await save(0, 1)).ok).toBe(true);
		expect((await save(2, 3)).ok).toBe(true);
		expect(await save(3, 2)).toMatchObject({ ok: false, stale: true });
		const stored = await t.db.selectFrom('examAnswer').select(['response', 'seq']).where('attemptId', '=', attemptId).execute();
		expect(stored).toEqual([{ response: 2, seq: 3 }]);
		expect(await save(1, 9, m1.id)).toMatchObject({ ok: false, status: 404 });
		const notOnPaper = bank.find((q) => !paper.some((i) => i.q === q.id))!;
		expect(await save(1, 9, a2.id, notOnPaper.id)).toMatchObject({ ok: false, status: 404 });
	});

	it('stores every shape of answer as given, on both engines', async () => {
		const examId = await newExam();
		const { m1 } = s.learners;
		const { attemptId } = await startAttempt(t.db, examId, m1.id);
		const { paper } = await paperOf(attemptId);
		const given: Record<number, Response> = {};
		for (const [k, item] of paper.entries()) {
			const key = keyOf.get(item.q)!;
			given[item.q] = typeof key === 'boolean' ? false : typeof key === 'number' ? 3 : typeof key[0] === 'number' ? [1, 3] : ' 民主 "集中" 制 ';
			await saveAnswer(t.db, { attemptId, personId: m1.id, questionId: item.q, response: given[item.q], seq: k });
		}
		const stored = await t.db.selectFrom('examAnswer').select(['questionId', 'response']).where('attemptId', '=', attemptId).execute();
		expect(Object.fromEntries(stored.map((r) => [r.questionId, r.response]))).toEqual(given);
		const types = await sql<{ t: string }>`select distinct jsonb_typeof(response) as t from exam_answer where attempt_id = ${attemptId} order by 1`.execute(t.db);
		expect(types.rows.map((r) => r.t)).toEqual(['array', 'boolean', 'number', 'string']);
	});
});

describe('submitting', () => {
	it('grades once when two tabs submit at the same moment', async () => {
		const examId = await newExam();
		const { a3 } = s.learners;
		await t.db.deleteFrom('examAttempt').where('personId', '=', a3.id).execute();
		const { attemptId } = await startAttempt(t.db, examId, a3.id);
		await answerAll(attemptId, a3.id, 1);
		const results = await Promise.all([submitAttempt(t.db, attemptId, a3.id), submitAttempt(t.db, attemptId, a3.id), closeExpiredAttempts(t.db)]);
		const oks = results.slice(0, 2).filter((r) => typeof r === 'object' && r.ok);
		expect(oks).toHaveLength(1);
		expect(results.slice(0, 2).find((r) => typeof r === 'object' && !r.ok)).toMatchObject({ status: 409, message: '本次作答已经交卷，不能重复提交' });
		const row = await paperOf(attemptId);
		expect(row.status).toBe('submitted');
		expect(row.submitReason).toBe('learner');
		// One wrong answer out of 28 points: 2 or 4 points lost.
		expect([92.9, 85.7]).toContain(row.score);
		expect(await saveAnswer(t.db, { attemptId, personId: a3.id, questionId: row.paper[0].q, response: 1, seq: 99 })).toMatchObject({ ok: false, status: 409, message: '本次作答已交卷，答案不能再修改' });
	});

	it('shows score and review only as the exam allows', async () => {
		const examId = await newExam({ scoreVisibility: 'after_submit', reviewVisibility: 'after_close' });
		const { a1 } = s.learners;
		const { attemptId } = await startAttempt(t.db, examId, a1.id);
		await answerAll(attemptId, a1.id);
		await submitAttempt(t.db, attemptId, a1.id);
		let view = (await learnerAttempt(t.db, attemptId, a1.id))!;
		expect(view.result).toMatchObject({ score: 100, passed: true, points: 28, maxPoints: 28 });
		expect(view.review).toBeNull();
		expect(JSON.stringify(view)).not.toMatch(/"answer"|"explanation"|解析/);
		// A 补考 window that closes later keeps the review shut for everyone.
		await t.db.updateTable('exam').set({ closesAt: new Date(Date.now() - 1000), opensAt: new Date(Date.now() - 7200_000) }).where('id', '=', examId).execute();
		await setOverride(t.db, s.users.admin.id, examId, { personId: s.learners.m2.id, extraAttempts: 0, extraMinutes: 0, opensAt: null, closesAt: new Date(Date.now() + 3600_000), note: '' });
		view = (await learnerAttempt(t.db, attemptId, a1.id))!;
		expect(view.review).toBeNull();
		expect(view.reviewOpensAt).not.toBeNull();
		await t.db.deleteFrom('examOverride').where('examId', '=', examId).execute();
		view = (await learnerAttempt(t.db, attemptId, a1.id))!;
		expect(Object.values(view.review!)).toHaveLength(11);
		expect(Object.values(view.review!).every((r) => r.correct && r.explanation.startsWith('解析'))).toBe(true);
	});
});

describe('the time limit', () => {
	it('submits an expired attempt with what was saved, by the sweep and lazily on read', async () => {
		const examId = await newExam({ attemptsAllowed: 2 });
		const { a1, a2 } = s.learners;
		const one = await startAttempt(t.db, examId, a1.id);
		const two = await startAttempt(t.db, examId, a2.id);
		await answerAll(one.attemptId, a1.id);
		await answerAll(two.attemptId, a2.id);
		await t.db.updateTable('examAttempt').set({ deadlineAt: sql`now() - interval '1 minute'` }).where('id', 'in', [one.attemptId, two.attemptId]).execute();
		expect(await saveAnswer(t.db, { attemptId: one.attemptId, personId: a1.id, questionId: (await paperOf(one.attemptId)).paper[0].q, response: 0, seq: 100 })).toMatchObject({
			ok: false,
			message: '作答时间已到，答案未能保存'
		});
		// Lazily: the learner comes back.
		const view = (await learnerAttempt(t.db, one.attemptId, a1.id))!;
		expect(view.attempt.status).toBe('submitted');
		expect(view.attempt.submitReason).toBe('timeout');
		expect(view.result?.score).toBe(100);
		// The sweep: the other never comes back.
		expect(await closeExpiredAttempts(t.db, { examId })).toBe(1);
		const row = await paperOf(two.attemptId);
		expect(row).toMatchObject({ status: 'submitted', submitReason: 'timeout', score: 100 });
		expect(await closeExpiredAttempts(t.db)).toBe(0);
		// A submit that arrives after the grace period counts as a time-out, and grades once.
		const again = await startAttempt(t.db, examId, a1.id);
		await t.db.updateTable('examAttempt').set({ deadlineAt: sql`now() - interval '1 minute'` }).where('id', '=', again.attemptId).execute();
		expect(await submitAttempt(t.db, again.attemptId, a1.id)).toMatchObject({ ok: true, score: 0 });
		expect((await paperOf(again.attemptId)).submitReason).toBe('timeout');
	});
});

describe('regrading', () => {
	it('updates every attempt that answered a fixed question and says how many changed', async () => {
		const examId = await newExam({ rules: [{ type: 'fill_blank', count: 4, points: 5 }], attemptsAllowed: 1 });
		const { m1, m2 } = s.learners;
		await t.db.deleteFrom('examOverride').execute();
		const attempts = [];
		for (const p of [m1, m2]) {
			const { attemptId } = await startAttempt(t.db, examId, p.id);
			const { paper } = await paperOf(attemptId);
			for (const item of paper) await saveAnswer(t.db, { attemptId, personId: p.id, questionId: item.q, response: p === m1 ? '民主集中' : '民主集中制', seq: 1 });
			await submitAttempt(t.db, attemptId, p.id);
			attempts.push(attemptId);
		}
		expect((await paperOf(attempts[0])).score).toBe(0);
		expect((await paperOf(attempts[1])).score).toBe(100);
		const fill = bank.filter((q) => q.type === 'fill_blank');
		const fixed = { type: 'fill_blank' as const, chapter: 1, tag: '', difficulty: 2, stem: '填空', options: [], answer: ['民主集中制', '民主集中'], explanation: '' };
		const first = await updateQuestion(t.db, s.users.instructor.id, fill[0].id, fixed);
		// Other tests' attempts answered it right already: only m1's score changes.
		expect(first).toMatchObject({ ok: true, regraded: { changed: 1 } });
		expect(first.ok && first.regraded!.attempts).toBeGreaterThanOrEqual(2);
		expect((await paperOf(attempts[0])).score).toBe(25);
		expect((await paperOf(attempts[1])).score).toBe(100);
		// Same key again: nothing to regrade.
		expect(await updateQuestion(t.db, s.users.instructor.id, fill[0].id, { ...fixed, explanation: '补充解析' })).toEqual({ ok: true, regraded: null });
		const audit = await t.db.selectFrom('auditLog').select('action').where('action', '=', 'question.update').execute();
		expect(audit).toHaveLength(2);
		// Options of a question on a paper cannot be added or removed.
		const single = bank.find((q) => q.type === 'single')!;
		const drawnSingle = await t.db.selectFrom('examAttempt').select('id').where(sql<boolean>`paper @> ${sql.val([{ q: single.id }])}::jsonb`).executeTakeFirst();
		if (drawnSingle) {
			expect(await updateQuestion(t.db, s.users.instructor.id, single.id, { ...fixed, type: 'single', options: ['甲', '乙'], answer: 0 })).toMatchObject({ ok: false });
		}
	});
});
