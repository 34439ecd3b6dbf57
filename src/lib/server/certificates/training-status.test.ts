import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildCohort, buildCompletion, completeLessons } from '../../../test-support/completion';
import { issueCertificates } from './issue';
import { reissueCertificate, revokeCertificate } from './manage';
import { trainingStatus, trainingStatusMany } from './training-status';

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildCompletion>>;
const origin = 'http://localhost:4173';
const issued = new Date('2026-05-08T02:00:00Z');

beforeAll(async () => {
	t = await testDatabase();
	s = await buildCompletion(t.db);
	await issueCertificates(t.db, { cohortId: s.cohortId, actorId: null, origin, now: issued });
});
afterAll(() => t.close());

describe('activist training', () => {
	it('answers with the valid certificate and its hours', async () => {
		const st = await trainingStatus(t.db, s.learners.a1.id, 'activist_training', new Date('2026-06-01T00:00:00Z'));
		expect(st).toMatchObject({
			certificate: { serial: 'DX-2026-45-0001', issuedOn: '2026-05-08', validUntil: '2028-05-07', external: false },
			creditHours: { online: 4, offline: 0, total: 4 },
			days: 0,
			examPassed: null,
			meetsMinimum: true
		});
		expect(st.reasons[0]).toBe('入党积极分子培训结业证书 DX-2026-45-0001，2026年5月8日颁发，有效期至 2028年5月7日');
	});

	it('has no certificate before issue, after expiry, or after a revocation (but did before it)', async () => {
		const before = await trainingStatus(t.db, s.learners.a1.id, 'activist_training', new Date('2026-05-01T00:00:00Z'));
		expect(before).toMatchObject({ certificate: null, meetsMinimum: false, creditHours: { total: 4 } });
		expect(before.reasons[1]).toContain('第45期入党积极分子培训班：计入 4 学时');
		const expired = await trainingStatus(t.db, s.learners.a1.id, 'activist_training', new Date('2028-05-08T00:00:00Z'));
		expect(expired.certificate).toBeNull();
		expect(expired.reasons[0]).toBe('结业证书 DX-2026-45-0001 已于 2028年5月7日 过期');

		const cert = await t.db.selectFrom('certificate').select('id').where('personId', '=', s.learners.m1.id).executeTakeFirstOrThrow();
		await revokeCertificate(t.db, { certificateId: cert.id, actorId: s.users.admin.id, reason: '测试' });
		const now = await trainingStatus(t.db, s.learners.m1.id, 'activist_training', new Date(Date.now() + 1000));
		expect(now).toMatchObject({ certificate: null, meetsMinimum: false });
		expect(now.reasons[0]).toBe('结业证书 DX-2026-45-0002 已撤销');
		expect((await trainingStatus(t.db, s.learners.m1.id, 'activist_training', new Date('2026-06-01T00:00:00Z'))).certificate?.serial).toBe('DX-2026-45-0002');
	});
});

describe('candidate training against a minimum', () => {
	it('counts hours or days, and a failed exam blocks', async () => {
		const course = await t.db
			.insertInto('course')
			.values({ code: 'CAND', title: '发展对象培训', category: 'candidate_training', source: 'browser', creditHours: 24 })
			.returning('id')
			.executeTakeFirstOrThrow();
		const lesson = await t.db.insertInto('lesson').values({ courseId: course.id, slug: 'a', sortOrder: 1, title: '一', creditHours: 20 }).returning('id').executeTakeFirstOrThrow();
		const v = await t.db
			.insertInto('lessonVersion')
			.values({ lessonId: lesson.id, version: 1, title: '一', creditHours: 20, required: true, body: '', html: '', contentHash: 'x' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await t.db.updateTable('lesson').set({ publishedVersionId: v.id }).where('id', '=', lesson.id).execute();
		const cohortId = await buildCohort(t.db, course.id, s.units.school.id, [s.learners.a1.id, s.learners.a2.id], { name: '第12期发展对象培训班', requiredHours: 20 });
		await completeLessons(t.db, s.learners.a1.id, [{ id: lesson.id, hours: 20 }]);
		const starts = new Date('2026-03-10T01:00:00Z');
		const { id: sessionId } = await t.db
			.insertInto('session')
			.values({ cohortId, title: '集中授课', kind: 'lecture', startsAt: starts, endsAt: new Date(starts.getTime() + 8 * 3600_000), creditHours: 6, closedAt: new Date('2026-03-11T00:00:00Z') })
			.returning('id')
			.executeTakeFirstOrThrow();
		await t.db.insertInto('attendance').values({ sessionId, personId: s.learners.a1.id, status: 'present', source: 'manual' }).execute();

		const at = new Date('2026-04-01T00:00:00Z');
		const many = await trainingStatusMany(t.db, [s.learners.a1.id, s.learners.a2.id, s.learners.pg1.id], 'candidate_training', at, { hours: 24, days: 3 });
		expect(many.get(s.learners.a1.id)).toMatchObject({ certificate: null, creditHours: { online: 20, offline: 6, total: 26 }, days: 1, meetsMinimum: true });
		expect(many.get(s.learners.a1.id)!.reasons.at(-1)).toBe('达到要求（不少于 3 天或不少于 24 学时）');
		expect(many.get(s.learners.a2.id)).toMatchObject({ meetsMinimum: false, creditHours: { total: 0 } });
		expect(many.get(s.learners.pg1.id)!.reasons).toEqual(['无有效的发展对象培训结业证书', '尚无发展对象培训的培训记录', '未达到要求：须不少于 3 天或不少于 24 学时']);

		const exam = await t.db
			.insertInto('exam')
			.values({ cohortId, title: '结业考试', opensAt: new Date('2026-03-01T00:00:00Z'), closesAt: new Date('2026-03-20T00:00:00Z'), timeLimitMinutes: 60, rules: [] })
			.returning('id')
			.executeTakeFirstOrThrow();
		await t.db.insertInto('completionRule').values({ cohortId, requireFinalExam: true, minOnlineHours: 20 }).execute();
		await t.db
			.insertInto('examAttempt')
			.values({ examId: exam.id, personId: s.learners.a1.id, attemptNo: 1, status: 'submitted', seed: 1, paper: [], deadlineAt: new Date('2026-03-20T00:00:00Z'), maxPoints: 100, score: 30, passed: false })
			.execute();
		const failed = await trainingStatus(t.db, s.learners.a1.id, 'candidate_training', at, { hours: 24 });
		expect(failed).toMatchObject({ examPassed: false, exam: 'failed', completed: false, meetsMinimum: false });
		expect(failed.reasons.at(-1)).toBe('结业考试未通过，不能认定培训合格');

		// a2 never sat the exam: that is not a failure, and says so.
		const notTaken = await trainingStatus(t.db, s.learners.a2.id, 'candidate_training', at, { hours: 24 });
		expect(notTaken).toMatchObject({ exam: 'not_taken', completed: false, meetsMinimum: false });
		expect(notTaken.reasons.join('；')).toContain('尚未参加结业考试');
		expect(notTaken.reasons.join('；')).not.toContain('未通过');
	});

	it('reports 结业 from the live record only when the completion rule is met, without a completion date', async () => {
		const at = new Date('2026-06-01T00:00:00Z');
		// a1 completed the activist cohort and holds its certificate; a2 did half the lessons.
		expect(await trainingStatus(t.db, s.learners.a1.id, 'activist_training', at)).toMatchObject({ completed: true, completedOn: '2026-05-08', exam: null });
		expect(await trainingStatus(t.db, s.learners.a2.id, 'activist_training', at)).toMatchObject({ certificate: null, completed: false, completedOn: null });
	});
});

describe('the day training was completed', () => {
	it('stays the first issue date when the certificate is reissued later', async () => {
		const old = await t.db.selectFrom('certificate').select('id').where('personId', '=', s.learners.a1.id).where('courseCategory', '=', 'activist_training').executeTakeFirstOrThrow();
		const r = await reissueCertificate(t.db, { certificateId: old.id, actorId: s.users.admin.id, reason: '姓名更正', origin, now: new Date('2026-06-10T02:00:00Z') });
		expect(r.ok).toBe(true);
		const st = await trainingStatus(t.db, s.learners.a1.id, 'activist_training', new Date('2026-07-01T00:00:00Z'));
		expect(st.certificate).toMatchObject({ issuedOn: '2026-06-10' });
		expect(st).toMatchObject({ completed: true, completedOn: '2026-05-08' });
	});
});
