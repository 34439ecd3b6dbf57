import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildCourse, buildSchool } from '../../../test-support/cohorts';
import { buildBank, buildExamCohort, examValues } from '../../../test-support/quiz';
import { saveAnswer, startAttempt, submitAttempt } from './attempts';
import { createExam } from './exams';
import { wrongAnswerReview } from './review';
import type { PaperItem } from './tables';

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildSchool>>;
let cohortId: number;

/** Starts, answers the first question wrong (an impossible option) and the rest not at all, submits. */
async function sit(examId: number, personId: number) {
	const { attemptId } = await startAttempt(t.db, examId, personId);
	const { paper } = await t.db.selectFrom('examAttempt').select('paper').where('id', '=', attemptId).executeTakeFirstOrThrow();
	const first = (paper as PaperItem[])[0];
	expect((await saveAnswer(t.db, { attemptId, personId, questionId: first.q, response: 99, seq: 1 })).ok).toBe(true);
	expect((await submitAttempt(t.db, attemptId, personId)).ok).toBe(true);
	return { attemptId, paper: paper as PaperItem[] };
}

beforeAll(async () => {
	t = await testDatabase();
	s = await buildSchool(t.db);
	const course = await buildCourse(t.db);
	await buildBank(t.db, course.id);
	cohortId = await buildExamCohort(t.db, s, course.id);
});
afterAll(() => t.close());

describe("a learner's review of their wrong answers", () => {
	it('is refused at the server while the exam has not released its answers, with no key in the answer', async () => {
		const examId = await createExam(t.db, s.users.admin.id, cohortId, examValues({ reviewVisibility: 'after_close', closesAt: new Date(Date.now() + 7 * 86400_000) }));
		const { attemptId } = await sit(examId, s.learners.a1.id);
		const r = await wrongAnswerReview(t.db, attemptId, s.learners.a1.id);
		expect(r).toEqual({ ok: false, status: 403, message: '答案与解析尚未公布，考试结束后才能查看错题' });
		expect(JSON.stringify(r)).not.toMatch(/解析：|"key"/);

		const never = await createExam(t.db, s.users.admin.id, cohortId, examValues({ reviewVisibility: 'never' }));
		const other = await sit(never, s.learners.a1.id);
		expect(await wrongAnswerReview(t.db, other.attemptId, s.learners.a1.id)).toMatchObject({ ok: false, status: 403 });
	});

	it("shows only one's own attempt, and only once it is submitted", async () => {
		const examId = await createExam(t.db, s.users.admin.id, cohortId, examValues({ attemptsAllowed: 2 }));
		const { attemptId } = await sit(examId, s.learners.a2.id);
		expect(await wrongAnswerReview(t.db, attemptId, s.learners.a3.id)).toMatchObject({ ok: false, status: 404 });
		const running = await startAttempt(t.db, examId, s.learners.a2.id);
		expect(await wrongAnswerReview(t.db, running.attemptId, s.learners.a2.id)).toMatchObject({ ok: false, status: 409 });
	});

	it('lists the wrong and unanswered questions with their keys once the answers are released', async () => {
		const examId = await createExam(t.db, s.users.admin.id, cohortId, examValues({ reviewVisibility: 'after_submit' }));
		const { attemptId, paper } = await sit(examId, s.learners.m1.id);
		const r = await wrongAnswerReview(t.db, attemptId, s.learners.m1.id);
		if (!r.ok) throw new Error(r.message);
		expect(r.total).toBe(paper.length);
		expect(r.wrong).toHaveLength(paper.length);
		expect(r.wrong[0]).toMatchObject({ given: 99, question: { id: paper[0].q } });
		expect(r.wrong[0].explanation).toMatch(/^解析：/);
		expect(r.wrong[1].given).toBeNull();
	});
});
