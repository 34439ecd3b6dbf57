import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { rollbackOne, migrateToLatest } from '../db/migrate';
import { buildCompletion } from '../../../test-support/completion';
import { learnerCompletion } from './service';
import { completionInputs } from './inputs';

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildCompletion>>;
const now = new Date('2026-04-20T02:00:00Z');
const at = (iso: string) => new Date(iso);

async function session(startsAt: string, hours = 2, extra: Record<string, unknown> = {}) {
	const starts = at(startsAt);
	const { id } = await t.db
		.insertInto('session')
		.values({ cohortId: s.cohortId, title: '专题讲座', kind: 'lecture', startsAt: starts, endsAt: new Date(starts.getTime() + 2 * 3600_000), creditHours: hours, ...extra })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

const mark = (sessionId: number, personId: number, status: 'present' | 'late' | 'early_leave' | 'leave' | 'absent') =>
	t.db.insertInto('attendance').values({ sessionId, personId, status, source: 'manual' }).execute();

beforeAll(async () => {
	t = await testDatabase();
	s = await buildCompletion(t.db);
	// Three sessions held and closed (two on one day), one still to come, one cancelled.
	const closedAt = at('2026-03-18T00:00:00Z');
	const s1 = await session('2026-03-10T01:00:00Z', 2, { closedAt });
	const s2 = await session('2026-03-10T06:00:00Z', 1.5, { closedAt });
	const s3 = await session('2026-03-17T01:00:00Z', 2, { closedAt });
	await session('2026-05-01T01:00:00Z');
	await session('2026-03-24T01:00:00Z', 2, { status: 'cancelled' });
	for (const [sid, status] of [[s1, 'present'], [s2, 'late'], [s3, 'early_leave']] as const) await mark(sid, s.learners.a1.id, status);
	for (const [sid, status] of [[s1, 'leave'], [s2, 'absent'], [s3, 'absent']] as const) await mark(sid, s.learners.a2.id, status);

	const exam = await t.db
		.insertInto('exam')
		.values({ cohortId: s.cohortId, title: '结业考试', opensAt: at('2026-04-18T00:00:00Z'), closesAt: at('2026-04-25T00:00:00Z'), timeLimitMinutes: 60, attemptsAllowed: 2, rules: [] })
		.returning('id')
		.executeTakeFirstOrThrow();
	const attempt = (personId: number, attemptNo: number, score: number | null, status: 'submitted' | 'in_progress' = 'submitted') =>
		t.db
			.insertInto('examAttempt')
			.values({ examId: exam.id, personId, attemptNo, status, seed: 1, paper: [], deadlineAt: at('2026-04-30T00:00:00Z'), maxPoints: 100, score, passed: score === null ? null : score >= 60 })
			.execute();
	await attempt(s.learners.a1.id, 1, 52);
	await attempt(s.learners.a1.id, 2, 88);
	await attempt(s.learners.a2.id, 1, 40);
	await t.db.insertInto('examOverride').values({ examId: exam.id, personId: s.learners.a2.id, extraAttempts: 1, closesAt: at('2026-05-10T00:00:00Z') }).execute();
	await t.db.insertInto('reflection').values({ cohortId: s.cohortId, personId: s.learners.a1.id, body: '学', chars: 900, status: 'approved' }).execute();
});
afterAll(() => t.close());

describe('loading the facts', () => {
	it('counts held sessions, attendance, offline hours and days per learner', async () => {
		const { learners } = await completionInputs(t.db, s.cohortId, {}, now);
		const a1 = learners.find((l) => l.personId === s.learners.a1.id)!;
		const a2 = learners.find((l) => l.personId === s.learners.a2.id)!;
		const m1 = learners.find((l) => l.personId === s.learners.m1.id)!;
		expect(a1.inputs.attendance).toEqual({ sessions: 4, held: 3, attended: 3, leave: 0, absent: 0, offlineHours: 3.5, days: 2 });
		expect(a2.inputs.attendance).toEqual({ sessions: 4, held: 3, attended: 0, leave: 1, absent: 2, offlineHours: 0, days: 0 });
		expect(m1.inputs.attendance).toMatchObject({ sessions: 1, held: 0, attended: 0 });
		expect(a1.inputs.lessons).toEqual({ required: 2, done: 2 });
		expect(a1.inputs.onlineHours).toBe(4);
	});

	it('takes the final exam result by the grading method, with a make-up override', async () => {
		const { learners } = await completionInputs(t.db, s.cohortId, { personIds: [s.learners.a1.id, s.learners.a2.id, s.learners.m1.id] }, now);
		const byId = new Map(learners.map((l) => [l.personId, l.inputs.exam]));
		expect(byId.get(s.learners.a1.id)).toMatchObject({ score: 88, passed: true, attemptsUsed: 2, attemptsAllowed: 2 });
		expect(byId.get(s.learners.a2.id)).toMatchObject({ score: 40, passed: false, attemptsUsed: 1, attemptsAllowed: 3, closesAt: at('2026-05-10T00:00:00Z') });
		expect(byId.get(s.learners.m1.id)).toMatchObject({ score: null, attemptsUsed: 0, attemptsAllowed: 2 });
		await t.db.updateTable('exam').set({ gradingMethod: 'last' }).execute();
		await t.db.updateTable('examAttempt').set({ score: 30 }).where('personId', '=', s.learners.a1.id).where('attemptNo', '=', 2).execute();
		const last = await completionInputs(t.db, s.cohortId, { personIds: [s.learners.a1.id] }, now);
		expect(last.learners[0].inputs.exam).toMatchObject({ score: 30, passed: false });
		await t.db.updateTable('examAttempt').set({ score: 88 }).where('personId', '=', s.learners.a1.id).where('attemptNo', '=', 2).execute();
	});

	it('evaluates the saved rule with reasons for each learner', async () => {
		await t.db
			.insertInto('completionRule')
			.values({ cohortId: s.cohortId, requireLessons: true, minOnlineHours: 4, minAttendanceRate: 60, maxUnexcusedAbsences: 1, requireFinalExam: true, reflectionMinChars: 800 })
			.execute();
		const { rows } = await learnerCompletion(t.db, { cohortId: s.cohortId }, now);
		const a1 = rows.find((r) => r.personId === s.learners.a1.id)!;
		const a2 = rows.find((r) => r.personId === s.learners.a2.id)!;
		// a1: one session still to come, so attendance waits; everything else is met.
		expect(a1.result.parts.map((p) => [p.key, p.state])).toEqual([
			['lessons', 'met'],
			['online_hours', 'met'],
			['attendance_rate', 'pending'],
			['absences', 'pending'],
			['final_exam', 'met'],
			['reflection', 'met']
		]);
		expect(a2.result.state).toBe('not_met');
		expect(a2.result.lacking).toContain('无故缺勤 2 次，要求不超过 1 次');
		// After the last session a1 completes; closing the cohort settles the rest.
		await t.db.updateTable('session').set({ status: 'cancelled' }).where('startsAt', '=', at('2026-05-01T01:00:00Z')).execute();
		const after = await learnerCompletion(t.db, { cohortId: s.cohortId, personIds: [s.learners.a1.id] }, now);
		expect(after.rows[0].result).toMatchObject({ state: 'met', hours: { online: 4, offline: 3.5, total: 7.5 }, days: 2, score: 88, examPassed: true });
	});

	it('filters by unit and course category', async () => {
		const cs = await learnerCompletion(t.db, { underPath: s.units.cs.path }, now);
		expect(cs.rows.map((r) => r.personId).sort()).toEqual([s.learners.a1.id, s.learners.a2.id].sort());
		expect((await learnerCompletion(t.db, { category: 'candidate_training' }, now)).rows).toEqual([]);
		expect((await learnerCompletion(t.db, { paths: [] }, now)).rows).toEqual([]);
	});
});

describe('the migration', () => {
	it('rolls back and applies again', async () => {
		// Later migrations go down first.
		let undone: string[] = [];
		while (!undone.includes('0005_certificates: Success')) undone = await rollbackOne(t.db);
		expect(await migrateToLatest(t.db)).toContain('0005_certificates: Success');
	});
});
