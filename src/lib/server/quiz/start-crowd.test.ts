import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildExamSchool, examValues, testRules } from '../../../test-support/quiz';
import { startAttempt } from './attempts';
import { createExam } from './exams';
import type { PaperItem } from './tables';

// Exam day: many learners start at once, several of them twice (a double click, a second tab).
// Whatever the start path does to be cheap, each learner must end up with exactly one attempt,
// the one every start of theirs was told about, holding a whole paper the learner was shown.
let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildExamSchool>>['s'];
let cohortId: number;
const crowd: number[] = [];
const paperLength = testRules.reduce((n, r) => n + r.count, 0);

beforeAll(async () => {
	t = await testDatabase();
	({ s, cohortId } = await buildExamSchool(t.db));
	const people = await t.db
		.insertInto('person')
		.values(Array.from({ length: 40 }, (_, i) => ({ username: `crowd${i}`, name: `学员${i}`, gender: 'male' as const, orgUnitId: s.units.csUg1.id, politicalStatus: 'activist' as const })))
		.returning('id')
		.execute();
	await t.db.insertInto('enrollment').values(people.map((p) => ({ cohortId, personId: p.id }))).execute();
	crowd.push(...people.map((p) => p.id));
});
afterAll(() => t.close());

describe('a crowd starting one exam at once', () => {
	it('gives each learner one attempt, the one each of their starts returned, with the whole paper it showed', async () => {
		const examId = await createExam(t.db, s.users.admin.id, cohortId, examValues());
		// every learner once, every fourth one twice more at the same moment
		const starts = [...crowd, ...crowd.filter((_, i) => i % 4 === 0), ...crowd.filter((_, i) => i % 4 === 0)];
		const results = await Promise.all(starts.map(async (personId) => ({ personId, started: await startAttempt(t.db, examId, personId) })));

		const rows = await t.db.selectFrom('examAttempt').select(['id', 'personId', 'status', 'paper', 'attemptNo']).where('examId', '=', examId).execute();
		expect(rows).toHaveLength(crowd.length);
		const byPerson = new Map(rows.map((r) => [r.personId, r]));
		expect(byPerson.size).toBe(crowd.length);
		for (const { personId, started } of results) {
			const row = byPerson.get(personId)!;
			expect(started.attemptId).toBe(row.id);
			expect(row).toMatchObject({ status: 'in_progress', attemptNo: 1 });
			const paper = row.paper as PaperItem[];
			expect(new Set(paper.map((i) => i.q)).size).toBe(paperLength);
			// the start that created it shows exactly the stored paper; the others resume it
			if (!started.resumed) expect(started.paper!.questions.map((q) => q.id)).toEqual(paper.map((i) => i.q));
		}
		expect(results.filter((r) => !r.started.resumed)).toHaveLength(crowd.length);
	});
});
