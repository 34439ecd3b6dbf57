import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceTestDatabase, insertSession, type AttendanceTest } from '../../test-support/attendance';
import { runLoad } from '../../test-support/load';
import { buildBank, examValues } from '../../test-support/quiz';
import { buildCohort } from '../../test-support/completion';
import { createExam } from '$lib/server/quiz/exams';
import { issueToLearner } from '$lib/server/certificates/issue';
import type { AuthUser } from '$lib/server/auth/session';
import { duePeriods } from '$lib/server/development/submissions/due';
import type { Db } from '$lib/server/db';
import { examReadiness } from '$lib/server/quiz/readiness';
import { studySettings } from '$lib/server/study/settings';
import { load } from './+page.server';

// The learner's home page says what to do next: where to continue, each open cohort's progress,
// the next 集中授课, the exam and whether they may start it, the certificate and the record's next step.

let { t, school } = {} as AttendanceTest;
let sessionId: number;
let examId: number;
let certificateId: number;
let newcomer: AuthUser;

type Home = Awaited<ReturnType<typeof load>> & Record<string, unknown>;
const home = async (user: AuthUser, db: Db = t.db) => (await runLoad(load, { db, user, path: '/' })) as Home;

// The same database, counting the statements it runs (one transformResult per statement answered).
function counted() {
	const seen = { statements: 0 };
	const db = t.db.withPlugin({ transformQuery: (a) => a.node, transformResult: async (a) => (seen.statements++, a.result) });
	return { db, seen };
}

beforeAll(async () => {
	({ t, school } = await attendanceTestDatabase());
	const { a1 } = school.learners;
	const course = await t.db.selectFrom('course').select('id').executeTakeFirstOrThrow();
	const lessons = await t.db.selectFrom('lesson').select(['id', 'slug']).execute();
	const lesson = (slug: string) => lessons.find((l) => l.slug === slug)!.id;
	// a1 finished lesson one (2 学时) and was last on lesson two.
	await t.db
		.insertInto('lessonProgress')
		.values([
			{ personId: a1.id, lessonId: lesson('one'), secondsCredited: 5400, reachedEnd: true, completedAt: new Date(), lastSeenAt: new Date(Date.now() - 3600_000) },
			{ personId: a1.id, lessonId: lesson('two'), secondsCredited: 600, lastSeenAt: new Date(Date.now() - 60_000) }
		])
		.execute();
	sessionId = await insertSession(t.db, school.cohortId, new Date(Date.now() + 2 * 86400_000), { title: '党的基本理论', place: '图书馆报告厅' });
	// An earlier session, already over and closed, is not the next one.
	await insertSession(t.db, school.cohortId, new Date(Date.now() - 3 * 86400_000), { title: '开班仪式', closedAt: new Date() });
	await buildBank(t.db, course.id);
	examId = await createExam(t.db, school.users.admin.id, school.cohortId, examValues({ title: '结业考试', requireLessons: true }));
	// A certificate from a cohort a1 has finished.
	const done = await buildCohort(t.db, course.id, school.units.school.id, [a1.id], { name: '第44期入党积极分子培训班' });
	await t.db.insertInto('completionRule').values({ cohortId: done, requireLessons: false }).execute();
	expect(await issueToLearner(t.db, { cohortId: done, personId: a1.id, actorId: null, origin: 'http://localhost' })).toMatchObject({ ok: true });
	certificateId = (await t.db.selectFrom('certificate').select('id').where('personId', '=', a1.id).executeTakeFirstOrThrow()).id;
	await t.db.insertInto('developmentRecord').values({ personId: a1.id, stage: 'activist', stageSince: '2026-09-01' }).execute();

	const p = await t.db.insertInto('person').values({ username: 'new-1', name: '新同学', gender: 'female', orgUnitId: school.units.csUg1.id, politicalStatus: 'masses' }).returning('id').executeTakeFirstOrThrow();
	newcomer = { ...school.learners.a2, id: p.id, username: 'new-1', name: '新同学', politicalStatus: 'masses' };
});
afterAll(() => t.close());

describe('the learner’s home page', () => {
	it('names the last lesson studied, each open cohort’s progress, the next session, the exam, the certificate and the next step', async () => {
		const page = await home(school.learners.a1);
		expect(page.continueWith).toMatchObject({ slug: 'two', title: '第2讲', courseCode: 'ACT', courseTitle: '入党积极分子培训', completedAt: null });
		const cohort = (page.cohorts as { id: number; hoursCredited: number; requiredHours: number; lessonsDone: number; lessonsRequired: number; nextLesson: unknown }[]).find((c) => c.id === school.cohortId);
		// 5400 s + 600 s at 45 min a 学时, as /my/cohorts counts it
		expect(cohort).toMatchObject({ hoursCredited: 2.22, requiredHours: 4, lessonsDone: 1, lessonsRequired: 2, nextLesson: { slug: 'two', title: '第2讲' } });
		expect(page.nextSession).toMatchObject({ id: sessionId, title: '党的基本理论', place: '图书馆报告厅' });
		expect(page.exam).toMatchObject({ id: examId, title: '结业考试', state: 'open', missing: ['完成全部必修课（已完成 1/2 节）'] });
		expect(page.certificates).toEqual([expect.objectContaining({ id: certificateId, cohortName: '第44期入党积极分子培训班' })]);
		expect(page.step).toMatchObject({ stage: 'activist', next: 'to_candidate', stageLabel: '入党积极分子', nextLabel: '确定为发展对象' });
		expect((page.step as { missing: unknown[] }).missing.length).toBeGreaterThan(0);
	});

	it('says the exam may be started once the required lessons are done', async () => {
		const lesson = await t.db.selectFrom('lesson').select('id').where('slug', '=', 'two').executeTakeFirstOrThrow();
		await t.db.updateTable('lessonProgress').set({ reachedEnd: true, completedAt: new Date() }).where('personId', '=', school.learners.a1.id).where('lessonId', '=', lesson.id).execute();
		const page = await home(school.learners.a1);
		expect(page.exam).toMatchObject({ id: examId, missing: [] });
	});

	it('lists what is due: one’s own 思想汇报 this quarter until it is handed in, a mentor’s opinion and evaluation for each mentee', async () => {
		const { a1, a2 } = school.learners;
		expect((await home(a1)).due).toContainEqual({ text: '本季度思想汇报未交', href: '/my/development#submit' });
		const submission = await t.db
			.insertInto('developmentSubmission')
			.values({ personId: a1.id, authorId: a1.id, kind: 'thought_report', period: duePeriods().quarter, body: '本季度学习体会' })
			.returning('id')
			.executeTakeFirstOrThrow();
		expect((await home(a1)).due).not.toContainEqual(expect.objectContaining({ text: '本季度思想汇报未交' }));
		// A returned report is not in.
		await t.db.updateTable('developmentSubmission').set({ status: 'returned', returnReason: '请写具体', decidedAt: new Date(), decidedBy: school.users.admin.id }).where('id', '=', submission.id).execute();
		expect((await home(a1)).due).toContainEqual({ text: '本季度思想汇报未交', href: '/my/development#submit' });

		await t.db.insertInto('developmentSupporter').values({ personId: a1.id, role: 'mentor', supporterId: a2.id, name: a2.name, assignedOn: '2026-01-01' }).execute();
		const href = `/my/development/mentees/${a1.id}#submit`;
		expect((await home(a2)).due).toEqual([{ text: `待填写考察意见：${a1.name}`, href }, { text: `待填写半年考察：${a1.name}`, href }]);
		await t.db.insertInto('developmentSubmission').values({ personId: a1.id, authorId: a2.id, kind: 'evaluation', period: duePeriods().half, body: '表现良好' }).execute();
		expect((await home(a2)).due).toEqual([{ text: `待填写考察意见：${a1.name}`, href }]);
	});

	it('reads a learner’s page in one statement when there is no development record or exam requirement to judge', async () => {
		// a2: enrolled in the cohort (progress, next lesson, the next session, an exam without requirements … all in one statement).
		await t.db.updateTable('exam').set({ requireLessons: false, minHours: null }).where('id', '=', examId).execute();
		const { db, seen } = counted();
		const page = await home(school.learners.a2, db);
		expect(page.nextSession).toMatchObject({ id: sessionId });
		expect(page.exam).toMatchObject({ id: examId, missing: [] });
		expect(seen.statements).toBe(1);
		await t.db.updateTable('exam').set({ requireLessons: true }).where('id', '=', examId).execute();
	});

	it('judges the exam’s readiness in the same statement, 学时 counted as examReadiness counts them', async () => {
		// a1 has lesson one done (5400 s) and 600 s of lesson two; 2.2 学时 at 45 minutes, each lesson held to its cap.
		await t.db.updateTable('exam').set({ requireLessons: true, minHours: 3 }).where('id', '=', examId).execute();
		const exam = await t.db.selectFrom('exam as x').innerJoin('cohort as c', 'c.id', 'x.cohortId').select(['x.requireLessons', 'x.minHours', 'c.courseId']).where('x.id', '=', examId).executeTakeFirstOrThrow();
		const { db, seen } = counted();
		await studySettings(db); // read at most once a minute per database, not per page
		seen.statements = 0;
		const page = await home(school.learners.a1, db);
		const expected = await examReadiness(t.db, exam, school.learners.a1.id);
		expect(expected.missing).toContainEqual(expect.stringContaining('学时达到 3'));
		expect(page.exam).toMatchObject({ id: examId, missing: expected.missing });
		// the record's next step (a1 is an activist) is read apart; the rest is the one statement
		const { db: alone, seen: aloneSeen } = counted();
		await studySettings(alone);
		aloneSeen.statements = 0;
		await home(school.learners.a2, alone);
		expect(aloneSeen.statements).toBe(1);
		await t.db.updateTable('exam').set({ requireLessons: true, minHours: null }).where('id', '=', examId).execute();
	});

	it('has nothing to show a learner who has not started: no lesson, cohort, session, exam, certificate or step', async () => {
		const page = await home(newcomer);
		expect(page).toMatchObject({ continueWith: null, cohorts: [], nextSession: null, leaveDecisions: [], exam: null, certificates: [], step: null, stageCounts: null });
	});
});
