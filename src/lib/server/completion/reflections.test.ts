import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildCompletion } from '../../../test-support/completion';
import { countChars, myReflection, reviewInput, reviewReflection, submitReflection } from './reflections';
import { ruleInput, saveRule } from './rule-form';
import { cohortFacts } from './cohort-facts';
import { defaultRule } from './rule';

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildCompletion>>;
const essay = (n: number) => '学'.repeat(n);

beforeAll(async () => {
	t = await testDatabase();
	s = await buildCompletion(t.db);
});
afterAll(() => t.close());

describe('reflection essays', () => {
	it('counts characters without spaces and refuses a short essay', async () => {
		expect(countChars('学 习\n体会 ')).toBe(4);
		const r = await submitReflection(t.db, { cohortId: s.cohortId, personId: s.learners.a1.id, body: essay(10), minChars: 20 });
		expect(r).toEqual({ ok: false, message: '心得体会不少于 20 字，当前 10 字' });
		expect(await myReflection(t.db, s.cohortId, s.learners.a1.id)).toBeUndefined();
	});

	it('goes submitted → returned → resubmitted → approved, audited, and is final once approved', async () => {
		const base = { cohortId: s.cohortId, personId: s.learners.a1.id, minChars: 20 };
		expect(await submitReflection(t.db, { ...base, body: essay(30) })).toEqual({ ok: true });
		const first = (await myReflection(t.db, s.cohortId, s.learners.a1.id))!;
		expect(first).toMatchObject({ status: 'submitted', chars: 30 });
		const review = { id: first.id, cohortId: s.cohortId, actorId: s.users.instructor.id };
		expect(await reviewReflection(t.db, { ...review, decision: 'returned', comment: '请结合自身实际' })).toBe(true);
		expect(await reviewReflection(t.db, { ...review, decision: 'approved', comment: '' })).toBe(false);
		expect(await myReflection(t.db, s.cohortId, s.learners.a1.id)).toMatchObject({ status: 'returned', reviewComment: '请结合自身实际', reviewerName: '授课教师' });
		expect(await submitReflection(t.db, { ...base, body: essay(40) })).toEqual({ ok: true });
		expect(await myReflection(t.db, s.cohortId, s.learners.a1.id)).toMatchObject({ status: 'submitted', chars: 40, reviewComment: null });
		expect(await reviewReflection(t.db, { ...review, decision: 'approved', comment: '' })).toBe(true);
		expect(await submitReflection(t.db, { ...base, body: essay(50) })).toEqual({ ok: false, message: '心得体会已审核通过，不能再修改' });
		const actions = (await t.db.selectFrom('auditLog').select('action').where('entityType', '=', 'reflection').orderBy('id').execute()).map((a) => a.action);
		expect(actions).toEqual(['reflection.submit', 'reflection.return', 'reflection.submit', 'reflection.approve']);
	});

	it('needs a comment to return an essay', () => {
		expect(reviewInput.safeParse({ decision: 'returned', comment: ' ' }).success).toBe(false);
		expect(reviewInput.safeParse({ decision: 'approved' }).success).toBe(true);
		expect(reviewInput.safeParse({ decision: 'maybe' }).success).toBe(false);
	});
});

describe('the rule form', () => {
	const form = (v: Record<string, string>) => ruleInput.safeParse(v);

	it('reads blank parts as off and checkboxes as on', () => {
		const r = form({ requireLessons: 'on', minOnlineHours: '16', onlineHoursCap: '', minAttendanceRate: '80', maxUnexcusedAbsences: '', finalExamId: '', reflectionMinChars: '800' });
		expect(r.success && r.data).toEqual({
			requireLessons: true,
			minOnlineHours: 16,
			onlineHoursCap: null,
			minAttendanceRate: 80,
			maxUnexcusedAbsences: null,
			requireFinalExam: false,
			finalExamId: null,
			reflectionMinChars: 800
		});
	});

	it('refuses bad numbers and a cap below the minimum, with Chinese messages', () => {
		const issues = (v: Record<string, string>) => (form(v).error?.issues ?? []).map((i) => [i.path[0], i.message]);
		expect(issues({ minAttendanceRate: '120' })).toEqual([['minAttendanceRate', '出勤率要求应为 0–100 之间的整数']]);
		expect(issues({ minOnlineHours: '1.25' })).toEqual([['minOnlineHours', '线上学时要求应为 0–999 之间的数字，最多一位小数']]);
		expect(issues({ minOnlineHours: '16', onlineHoursCap: '8' })).toEqual([['onlineHoursCap', '线上学时上限不能低于线上学时要求']]);
	});

	it('saves only a change, audited with before and after', async () => {
		const current = (await cohortFacts(t.db, [s.cohortId])).get(s.cohortId)!;
		expect(current).toMatchObject({ ruleSaved: false, rule: defaultRule(4) });
		expect(await saveRule(t.db, s.users.admin.id, s.cohortId, current.rule, defaultRule(4))).toBe(false);
		const next = { ...defaultRule(4), minAttendanceRate: 80 };
		expect(await saveRule(t.db, s.users.admin.id, s.cohortId, current.rule, next)).toBe(true);
		expect((await cohortFacts(t.db, [s.cohortId])).get(s.cohortId)).toMatchObject({ ruleSaved: true, rule: next });
		const audit = await t.db.selectFrom('auditLog').select(['before', 'after']).where('action', '=', 'completion.rule').executeTakeFirstOrThrow();
		expect(audit).toEqual({ before: defaultRule(4), after: next });
	});
});
