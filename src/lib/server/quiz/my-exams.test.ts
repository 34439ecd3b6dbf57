import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildExamSchool, examValues } from '../../../test-support/quiz';
import { createExam } from './exams';
import { myExams } from './learner-exam';

// 我的考试 lists the exams of the cohorts a person is enrolled in, and no one else's: pg1 is in
// the school but not in the exam cohort. One override row of another learner must not leak in.

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildExamSchool>>['s'];
let examId: number;

beforeAll(async () => {
	t = await testDatabase();
	let cohortId: number;
	({ s, cohortId } = await buildExamSchool(t.db));
	examId = await createExam(t.db, s.users.admin.id, cohortId, examValues());
	await t.db.insertInto('examOverride').values({ examId, personId: s.learners.a2.id, extraAttempts: 1, extraMinutes: 10, createdBy: s.users.admin.id }).execute();
});
afterAll(() => t.close());

describe('myExams', () => {
	it('lists the exam to an enrolled learner with the learner’s own override only', async () => {
		const [a1] = await myExams(t.db, s.learners.a1.id);
		const [a2] = await myExams(t.db, s.learners.a2.id);
		expect(a1).toMatchObject({ id: examId, cohortName: '第45期', extraAttempts: null, attempts: [] });
		expect(a2).toMatchObject({ id: examId, extraAttempts: 1, extraMinutes: 10 });
		expect(a1.now).toBeInstanceOf(Date);
	});

	it('lists nothing to a person not enrolled in the cohort', async () => {
		expect(await myExams(t.db, s.learners.pg1.id)).toEqual([]);
	});
});
