import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildCourse, buildSchool } from '../../../test-support/cohorts';
import { buildBank, buildExamCohort, examValues } from '../../../test-support/quiz';
import { ExamError, startAttempt } from './attempts';
import { createExam } from './exams';
import { examInput } from './exam-schema';
import { examReadiness } from './readiness';

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildSchool>>;
let course: Awaited<ReturnType<typeof buildCourse>>;
let cohortId: number;

// 45 minutes a 学时 (the default): a lesson of 2 学时 is 5400 credited seconds.
async function study(personId: number, slug: 'one' | 'two', seconds: number, completed: boolean) {
	await t.db
		.insertInto('lessonProgress')
		.values({ personId, lessonId: course.lessons[slug], secondsCredited: seconds, reachedEnd: completed, completedAt: completed ? new Date() : null })
		.execute();
}

async function refusal(examId: number, personId: number) {
	try {
		await startAttempt(t.db, examId, personId);
	} catch (e) {
		if (e instanceof ExamError) return { status: e.status, message: e.message };
		throw e;
	}
	return null;
}

const attemptsOf = (examId: number, personId: number) => t.db.selectFrom('examAttempt').select('id').where('examId', '=', examId).where('personId', '=', personId).execute();

beforeAll(async () => {
	t = await testDatabase();
	s = await buildSchool(t.db);
	course = await buildCourse(t.db);
	await buildBank(t.db, course.id);
	cohortId = await buildExamCohort(t.db, s, course.id);
});
afterAll(() => t.close());

describe('what an exam requires before an attempt starts', () => {
	it('refuses on the server a learner with 1 of 2 required lessons done, in Chinese, and spends no attempt', async () => {
		const examId = await createExam(t.db, s.users.admin.id, cohortId, examValues({ requireLessons: true }));
		const { a1 } = s.learners;
		await study(a1.id, 'one', 5400, true);
		const r = await refusal(examId, a1.id);
		expect(r?.status).toBe(409);
		expect(r?.message).toContain('尚未达到开考要求');
		expect(r?.message).toContain('已完成 1/2 节');
		expect(await attemptsOf(examId, a1.id)).toHaveLength(0);

		await study(a1.id, 'two', 5400, true);
		expect(await refusal(examId, a1.id)).toBeNull();
		expect(await attemptsOf(examId, a1.id)).toHaveLength(1);
	});

	it('refuses a learner below the exam’s 学时 and lets them start once the hours are reached', async () => {
		const examId = await createExam(t.db, s.users.admin.id, cohortId, examValues({ minHours: 3 }));
		const { a2 } = s.learners;
		await study(a2.id, 'one', 5400, true);
		const r = await refusal(examId, a2.id);
		expect(r?.message).toContain('学时达到 3（目前 2）');
		expect(await attemptsOf(examId, a2.id)).toHaveLength(0);
		expect((await examReadiness(t.db, { courseId: course.id, requireLessons: false, minHours: '3.0' }, a2.id)).missing).toHaveLength(1);

		await study(a2.id, 'two', 2700, false);
		expect(await refusal(examId, a2.id)).toBeNull();
	});

	it('lets anyone enrolled start an exam that requires nothing, as before', async () => {
		const examId = await createExam(t.db, s.users.admin.id, cohortId, examValues());
		expect(await refusal(examId, s.learners.a3.id)).toBeNull();
	});

	it('keeps the requirement through the exam form: a bad 学时 is a Chinese message, blank means none', () => {
		const form = {
			title: '结业考试', opensAt: '2026-03-01T09:00', closesAt: '2026-03-01T11:00', timeLimitMinutes: '60', attemptsAllowed: '1', passMark: '60',
			gradingMethod: 'highest', multipleScoring: 'all_or_nothing', shuffleQuestions: false, shuffleOptions: false,
			scoreVisibility: 'after_submit', reviewVisibility: 'never', requireLessons: true, rules: [{ type: 'single', count: '5', points: '2' }]
		};
		expect(examInput.parse({ ...form, minHours: '' }).minHours).toBeNull();
		expect(examInput.parse({ ...form, minHours: '４.25' }).minHours).toBe(4.3);
		const bad = examInput.safeParse({ ...form, minHours: '很多' });
		expect(bad.success).toBe(false);
		expect(bad.error!.issues.find((i) => i.path[0] === 'minHours')?.message).toContain('开考所需学时');
		expect(examInput.safeParse({ ...form, minHours: '0' }).success).toBe(false);
	});
});
