import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildSchool } from '../../../test-support/cohorts';
import { contentCourses } from './content-source';
import { syncContentCourses } from './content-sync';
import { contentBanks, syncContentQuestions } from '../quiz/content-sync';
import { seedDemoExam } from '../quiz/demo';
import { questionPool } from '../quiz/pool';
import { startAttempt } from '../quiz/attempts';
import { drawPracticeSet, gradePracticeSet, practiceCount, PRACTICE_SET_SIZE } from './practice-exam';

// 练习测验: the course's practice questions asked together. The set must hand out no key before
// the answers, only ever the questions lessons already show, and nothing while an exam runs.

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildSchool>>;
let examId: number;

const embeddedInAct = () =>
	new Set(contentCourses().filter((c) => c.meta.code === 'ACT').flatMap((c) => c.lessons.flatMap((l) => [...l.body.matchAll(/<Practice id="([^"]+)"/g)].map((m) => m[1]))));

beforeAll(async () => {
	t = await testDatabase();
	s = await buildSchool(t.db);
	await syncContentCourses(t.db, contentCourses());
	await syncContentQuestions(t.db, contentBanks());
	const act = await t.db.selectFrom('course').select('id').where('code', '=', 'ACT').executeTakeFirstOrThrow();
	const { id: cohortId } = await t.db
		.insertInto('cohort')
		.values({ courseId: act.id, name: '第45期', orgUnitId: s.units.school.id, startsOn: '2026-03-01', endsOn: '2026-04-30', requiredHours: 4 })
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db.insertInto('enrollment').values(Object.values(s.learners).map((p) => ({ cohortId, personId: p.id }))).execute();
	examId = await seedDemoExam(t.db, cohortId);
});
afterAll(() => t.close());

describe('练习测验', () => {
	it('draws only questions the published lessons embed, without keys', async () => {
		const embedded = embeddedInAct();
		expect(embedded.size).toBeGreaterThan(0);
		expect(await practiceCount(t.db, 'ACT')).toBe(embedded.size);
		const set = await drawPracticeSet(t.db, s.learners.a1.id, 'ACT');
		if (!set.ok) throw new Error(set.message);
		expect(set.questions.length).toBe(Math.min(PRACTICE_SET_SIZE, embedded.size));
		for (const q of set.questions) {
			expect(embedded.has(q.id)).toBe(true);
			expect(Object.keys(q).sort()).toEqual(['id', 'options', 'stem', 'type']);
		}
	});

	it('grades a set, and leaves out codes that are no practice question (an exam question asked for its key)', async () => {
		const set = await drawPracticeSet(t.db, s.learners.a1.id, 'ACT');
		if (!set.ok) throw new Error(set.message);
		const keys = await t.db.selectFrom('question').select(['code', 'type', 'answer']).where('code', 'in', set.questions.map((q) => q.id)).execute();
		const right = (code: string) => {
			const k = keys.find((x) => x.code === code)!;
			const a = k.answer as unknown;
			return k.type === 'multiple' ? (a as number[]).map(String) : k.type === 'fill_blank' ? [(a as string[])[0]] : [String(a)];
		};
		const act = await t.db.selectFrom('course').select('id').where('code', '=', 'ACT').executeTakeFirstOrThrow();
		const examOnly = (await questionPool(t.db, act.id))[0];
		const examCode = (await t.db.selectFrom('question').select('code').where('id', '=', examOnly.id).executeTakeFirstOrThrow()).code!;
		const graded = await gradePracticeSet(t.db, s.learners.a1.id, 'ACT', [
			...set.questions.map((q, i) => ({ id: q.id, sent: i === 0 ? [] : right(q.id) })),
			{ id: examCode, sent: ['0'] }
		]);
		if (!graded.ok) throw new Error(graded.message);
		expect(graded.results.map((r) => r.id)).toEqual(set.questions.map((q) => q.id));
		expect(graded.results[0]).toMatchObject({ given: null, correct: false });
		expect(graded.right).toBe(set.questions.length - 1);
		// Only codes of other things: refused in Chinese, nothing graded.
		const none = await gradePracticeSet(t.db, s.learners.a1.id, 'ACT', [{ id: examCode, sent: ['0'] }]);
		expect(none).toEqual({ ok: false, message: expect.stringMatching(/练习/) });
	});

	it('is refused while the person sits an exam', async () => {
		await startAttempt(t.db, examId, s.learners.a2.id);
		const drawn = await drawPracticeSet(t.db, s.learners.a2.id, 'ACT');
		expect(drawn).toEqual({ ok: false, message: '考试进行中，交卷后才能做练习测验' });
		const code = [...embeddedInAct()][0];
		expect(await gradePracticeSet(t.db, s.learners.a2.id, 'ACT', [{ id: code, sent: ['0'] }])).toEqual(drawn);
	});
});
