import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildSchool } from '../../../test-support/cohorts';
import { contentBanks, syncContentQuestions } from './content-sync';
import { saveAnswer, startAttempt, submitAttempt } from './attempts';
import { createExam } from './exams';
import { examValues } from '../../../test-support/quiz';

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildSchool>>;

const yaml = (answer: string, extra = '') => `
- id: tst-001
  type: true_false
  chapter: 1
  difficulty: 1
  stem: 判断题（  ）
  answer: ${answer}
  explanation: 依据党章。
- id: tst-002
  type: fill_blank
  chapter: 1
  difficulty: 2
  stem: 填空 ____
  answer: ["民主集中制"]
${extra}`;

beforeAll(async () => {
	t = await testDatabase();
	s = await buildSchool(t.db);
	for (const code of ['ACT', 'CAND', 'TST']) {
		await t.db.insertInto('course').values({ code, title: code, category: 'activist_training', source: 'content' }).execute();
	}
	await t.db.insertInto('course').values({ code: 'WEB', title: '浏览器课程', category: 'member_education', source: 'browser' }).execute();
});
afterAll(() => t.close());

describe('syncContentQuestions', () => {
	it('writes the banks of content/ courses once, matched by course code', async () => {
		const banks = contentBanks();
		expect(banks.map((b) => b.code).sort()).toEqual(['ACT', 'CAND']);
		const first = await syncContentQuestions(t.db);
		expect(first.changes.length).toBeGreaterThanOrEqual(84);
		const act = await t.db
			.selectFrom('question as q')
			.innerJoin('course as k', 'k.id', 'q.courseId')
			.select(['q.code', 'q.type', 'q.answer', 'q.source'])
			.where('k.code', '=', 'ACT')
			.orderBy('q.code')
			.execute();
		expect(act.length).toBeGreaterThanOrEqual(60);
		expect(act[0]).toEqual({ code: 'act-001', type: 'single', answer: 1, source: 'content' });
		expect(act.some((q) => q.type === 'true_false' && typeof q.answer === 'boolean')).toBe(true);
		expect(await syncContentQuestions(t.db)).toEqual({ changes: [], regraded: { attempts: 0, changed: 0 } });
	});

	it('regrades the attempts that answered a question whose key the file fixed, and archives removed ones', async () => {
		const course = await t.db.selectFrom('course').select('id').where('code', '=', 'TST').executeTakeFirstOrThrow();
		const bank = (answer: string, extra = '') => [{ code: 'TST', folder: 'tst', yaml: yaml(answer, extra) }];
		await syncContentQuestions(t.db, bank('true'));
		const { id: cohortId } = await t.db
			.insertInto('cohort')
			.values({ courseId: course.id, name: '测试班', orgUnitId: s.units.school.id, startsOn: '2026-03-01', endsOn: '2026-04-30', requiredHours: 1 })
			.returning('id')
			.executeTakeFirstOrThrow();
		const { a1 } = s.learners;
		await t.db.insertInto('enrollment').values({ cohortId, personId: a1.id }).execute();
		const examId = await createExam(t.db, s.users.admin.id, cohortId, examValues({ rules: [{ type: 'true_false', count: 1, points: 10 }] }));
		const { attemptId } = await startAttempt(t.db, examId, a1.id);
		const q = await t.db.selectFrom('question').select('id').where('code', '=', 'tst-001').executeTakeFirstOrThrow();
		await saveAnswer(t.db, { attemptId, personId: a1.id, questionId: q.id, response: false, seq: 1 });
		expect(await submitAttempt(t.db, attemptId, a1.id)).toEqual({ ok: true, score: 0 });

		const fixed = await syncContentQuestions(t.db, bank('false'));
		expect(fixed).toEqual({ changes: ['tst-001 答案已更正'], regraded: { attempts: 1, changed: 1 } });
		const attempt = await t.db.selectFrom('examAttempt').select(['score', 'passed']).where('id', '=', attemptId).executeTakeFirstOrThrow();
		expect(attempt).toEqual({ score: 100, passed: true });

		const removed = await syncContentQuestions(t.db, [{ code: 'TST', folder: 'tst', yaml: yaml('false').split('- id: tst-002')[0] }]);
		expect(removed.changes).toEqual(['tst-002 已停用']);
		const archived = await t.db.selectFrom('question').select('archivedAt').where('code', '=', 'tst-002').executeTakeFirstOrThrow();
		expect(archived.archivedAt).toBeInstanceOf(Date);
		const audit = await t.db.selectFrom('auditLog').select('action').where('action', '=', 'question.sync').execute();
		expect(audit.length).toBe(4);
	});

	it('refuses a bad bank as a whole, naming the entry', async () => {
		await expect(syncContentQuestions(t.db, [{ code: 'TST', folder: 'tst', yaml: yaml('maybe') }])).rejects.toThrow('tst-001：判断题的答案须为“正确”或“错误”');
	});
});

describe('seedDemoExam', async () => {
	const { seedDemoExam } = await import('./demo');
	it('sets a 100-point final exam on the ACT bank once', async () => {
		const act = await t.db.selectFrom('course').select('id').where('code', '=', 'ACT').executeTakeFirstOrThrow();
		const { id: cohortId } = await t.db
			.insertInto('cohort')
			.values({ courseId: act.id, name: '第45期入党积极分子培训班', orgUnitId: s.units.school.id, startsOn: '2026-03-01', endsOn: '2026-04-30', requiredHours: 16 })
			.returning('id')
			.executeTakeFirstOrThrow();
		const id = await seedDemoExam(t.db, cohortId);
		expect(await seedDemoExam(t.db, cohortId)).toBe(id);
		await t.db.insertInto('enrollment').values({ cohortId, personId: s.learners.a2.id }).execute();
		const { attemptId } = await startAttempt(t.db, id, s.learners.a2.id);
		const row = await t.db.selectFrom('examAttempt').select(['paper', 'maxPoints']).where('id', '=', attemptId).executeTakeFirstOrThrow();
		expect(row.paper).toHaveLength(45);
		expect(row.maxPoints).toBe(100);
	});
});

describe('lesson practice from the bank', async () => {
	const { checkPractice } = await import('../courses/practice');
	const byCode = (code: string) =>
		t.db.selectFrom('question').select(['code as id', 'type', 'stem', 'options', 'answer', 'explanation']).where('code', '=', code).executeTakeFirstOrThrow();
	it('grades a synced question like the exam', async () => {
		const q = await byCode('act-002');
		expect(q).toMatchObject({ id: 'act-002', type: 'single', answer: 2 });
		expect(checkPractice(q, 2)).toBe(true);
		expect(checkPractice(q, 1)).toBe(false);
		const fill = await t.db.selectFrom('question').select('code').where('type', '=', 'fill_blank').where('code', 'like', 'act-%').executeTakeFirstOrThrow();
		const f = await byCode(fill.code!);
		expect(checkPractice(f, ` ${(f.answer as string[])[0]}。`)).toBe(true);
	});
});
