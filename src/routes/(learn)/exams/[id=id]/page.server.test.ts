import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test-support/db';
import { buildExamSchool, examValues } from '../../../../test-support/quiz';
import { runAction } from '../../../../test-support/load';
import type { OpenDatabase } from '$lib/server/db/engine';
import type { AuthUser } from '$lib/server/auth/session';
import { createExam } from '$lib/server/quiz/exams';
import { actions } from './+page.server';

let t: OpenDatabase;
let school: Awaited<ReturnType<typeof buildExamSchool>>;
let examId: number;

beforeAll(async () => {
	t = await testDatabase();
	school = await buildExamSchool(t.db);
	examId = await createExam(t.db, school.s.users.admin.id, school.cohortId, examValues());
});
afterAll(() => t.close());

const start = (user: AuthUser, fields: Record<string, string>) =>
	runAction(actions.start, { db: t.db, user, path: `/exams/${examId}?/start`, params: { id: String(examId) }, fields }) as Promise<unknown>;
const attempts = async () => (await t.db.selectFrom('examAttempt').select('id').where('examId', '=', examId).execute()).length;

describe('the exam page’s 开始考试', () => {
	it('answers a learner outside the exam’s cohort 404, confirmed or not, and starts nothing', async () => {
		// The unconfirmed post was answered 「请确认后再开始考试」 (400) to anyone, telling a stranger the exam exists.
		for (const fields of [{}, { confirmed: '1' }] as Record<string, string>[]) {
			expect(await start(school.s.learners.pg1, fields)).toMatchObject({ status: 404, data: { message: '未找到该考试' } });
		}
		expect(await attempts()).toBe(0);
	});

	it('asks its own learner to confirm first, then starts one attempt', async () => {
		expect(await start(school.s.learners.a1, {})).toMatchObject({ status: 400, data: { message: '请确认后再开始考试', confirm: true } });
		expect(await attempts()).toBe(0);
		await expect(start(school.s.learners.a1, { confirmed: '1' })).rejects.toMatchObject({ status: 303 });
		expect(await attempts()).toBe(1);
	});
});
