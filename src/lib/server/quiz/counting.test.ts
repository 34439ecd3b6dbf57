import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildCourse, buildSchool } from '../../../test-support/cohorts';
import { buildExamCohort } from '../../../test-support/quiz';
import { examResults } from './results';
import { learnerExam } from './learner-exam';
import { countingAttempt } from './counting';
import { finalExamFacts } from './completion-facts';

type Attempt = [score: number | null, status?: 'submitted' | 'in_progress'];

// Each case: one learner's attempts in order, and the score that counts by each method.
const cases: { name: string; attempts: Attempt[]; retake?: boolean; highest: number | null; last: number | null }[] = [
	{ name: 'no attempt', attempts: [], highest: null, last: null },
	{ name: 'only an attempt still running', attempts: [[null, 'in_progress']], highest: null, last: null },
	{ name: 'several attempts', attempts: [[52], [88], [70]], highest: 88, last: 70 },
	{ name: 'a tie keeps the score', attempts: [[80], [80]], highest: 80, last: 80 },
	{ name: 'a null score on the first submitted attempt', attempts: [[null], [60]], highest: 60, last: 60 },
	// An attempt counts once it has a score: a submitted one not yet graded is passed over.
	{ name: 'the last submitted attempt not graded yet', attempts: [[80], [null]], highest: 80, last: 80 },
	{ name: 'a graded attempt, then one running', attempts: [[65], [null, 'in_progress']], highest: 65, last: 65 },
	{ name: 'a 补考 retake that passes', attempts: [[40], [75]], retake: true, highest: 75, last: 75 },
	{ name: 'a 补考 retake that does worse', attempts: [[70], [50]], retake: true, highest: 70, last: 50 }
];

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildSchool>>;
let cohortId: number;
const exams: { method: 'highest' | 'last'; c: (typeof cases)[number]; examId: number }[] = [];
const now = new Date();

beforeAll(async () => {
	t = await testDatabase();
	s = await buildSchool(t.db);
	const { id: courseId } = await buildCourse(t.db);
	cohortId = await buildExamCohort(t.db, s, courseId);
	const personId = s.learners.a1.id;
	for (const method of ['highest', 'last'] as const)
		for (const c of cases) {
			const { id: examId } = await t.db
				.insertInto('exam')
				.values({ cohortId, title: `${method} ${c.name}`, opensAt: new Date(now.getTime() - 3600_000), closesAt: new Date(now.getTime() + 3600_000), timeLimitMinutes: 60, attemptsAllowed: 1, gradingMethod: method, rules: [] })
				.returning('id')
				.executeTakeFirstOrThrow();
			if (c.retake) await t.db.insertInto('examOverride').values({ examId, personId, extraAttempts: 1 }).execute();
			for (const [i, [score, status = 'submitted']] of c.attempts.entries())
				await t.db
					.insertInto('examAttempt')
					.values({ examId, personId, attemptNo: i + 1, status, seed: 1, paper: [], deadlineAt: new Date(now.getTime() + 3600_000), maxPoints: 100, score, passed: score === null ? null : score >= 60 })
					.execute();
			exams.push({ method, c, examId });
		}
});
afterAll(() => t.close());

describe('the attempt that counts', () => {
	it('is the same in the results table, in completion and on the learner’s exam page', async () => {
		const personId = s.learners.a1.id;
		const seen = [];
		for (const { method, c, examId } of exams) {
			const table = await examResults(t.db, { examId, cohortId, gradingMethod: method, passMark: 60, learnerPaths: null }, { q: 'C2401001' }, 1, 10);
			const completion = await finalExamFacts(t.db, [{ cohortId, examId }], [personId], now);
			const mine = await learnerExam(t.db, examId, personId);
			const counting = countingAttempt(mine!.attempts, method);
			const fromCompletion = completion.learners[0]?.facts ?? completion.exams.get(examId)!;
			seen.push({
				case: `${method}: ${c.name}`,
				results: [table.rows[0].score === null ? null : Number(table.rows[0].score), table.rows[0].passed],
				completion: [fromCompletion.score, fromCompletion.passed],
				learner: [counting?.score ?? null, counting ? counting.score! >= 60 : null]
			});
		}
		const expected = exams.map(({ method, c }) => {
			const score = c[method];
			const pair = [score, score === null ? null : score >= 60];
			return { case: `${method}: ${c.name}`, results: pair, completion: pair, learner: pair };
		});
		expect(seen).toEqual(expected);
	});
});
