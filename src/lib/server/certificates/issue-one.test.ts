import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildCohort, buildCompletion } from '../../../test-support/completion';
import { issueToLearner } from './issue';

// 19 managers (or one impatient one) issuing one learner's certificate at once: one certificate,
// one audit entry, and every caller is told which certificate the learner now holds — never
// 「尚未达到结业条件：」 with nothing after it.

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildCompletion>>;
const origin = 'http://localhost:4173';

beforeAll(async () => {
	t = await testDatabase();
	s = await buildCompletion(t.db);
});
afterAll(() => t.close());

describe('issuing one learner’s certificate', () => {
	it('19 concurrent issuers: exactly one certificate, one audit entry, every caller gets it', async () => {
		const p = await t.db.insertInto('person').values({ username: 'race-1', name: '并发学员', gender: 'male', orgUnitId: s.units.csUg1.id }).returning('id').executeTakeFirstOrThrow();
		const cohortId = await buildCohort(t.db, s.course.id, s.units.school.id, [p.id], { name: '第47期' });
		await t.db.insertInto('completionRule').values({ cohortId, requireLessons: false }).execute();
		const results = await Promise.all(Array.from({ length: 19 }, () => issueToLearner(t.db, { cohortId, personId: p.id, actorId: null, origin })));
		const rows = await t.db.selectFrom('certificate').select(['id', 'serial']).where('cohortId', '=', cohortId).execute();
		expect(rows).toHaveLength(1);
		const audits = await t.db.selectFrom('auditLog').select('after').where('action', '=', 'certificate.issue').execute();
		expect(audits.filter((a) => (a.after as { cohortId: number }).cohortId === cohortId)).toHaveLength(1);
		for (const r of results) {
			expect(r).toMatchObject({ ok: true, serial: rows[0].serial });
			expect(r.message).toContain(rows[0].serial);
		}
	});

	it('says what is lacking, or that the learner is not in the cohort, in words', async () => {
		const p = await t.db.insertInto('person').values({ username: 'race-2', name: '未完成学员', gender: 'male', orgUnitId: s.units.csUg1.id }).returning('id').executeTakeFirstOrThrow();
		const lacking = await issueToLearner(t.db, { cohortId: s.cohortId, personId: s.learners.a2.id, actorId: null, origin });
		expect(lacking).toMatchObject({ ok: false, message: expect.stringMatching(/^该学员尚未达到结业条件：.+/) });
		expect(await issueToLearner(t.db, { cohortId: s.cohortId, personId: p.id, actorId: null, origin })).toEqual({ ok: false, message: '该学员不在本培训班' });
	});
});
