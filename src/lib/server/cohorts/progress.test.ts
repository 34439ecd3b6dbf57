import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildCourse, buildSchool } from '../../../test-support/cohorts';
import { cohortProgress, learnerLessons } from './progress';
import { myCohorts } from './learner';
import { branchCompletion, cohortLearnerPage, cohortLearners } from './learners';
import { progressWorkbook } from './export';

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildSchool>>;
let course: Awaited<ReturnType<typeof buildCourse>>;
let cohortId: number;

const MIN = 60;
async function progress(personId: number, slug: string, seconds: number, completed = false) {
	await t.db
		.insertInto('lessonProgress')
		.values({ personId, lessonId: course.lessons[slug], secondsCredited: seconds, completedAt: completed ? new Date() : null, lastSeenAt: new Date(`2026-03-0${Object.keys(course.lessons).indexOf(slug) + 1}T08:00:00Z`) })
		.execute();
}

beforeAll(async () => {
	t = await testDatabase();
	s = await buildSchool(t.db);
	course = await buildCourse(t.db);
	({ id: cohortId } = await t.db
		.insertInto('cohort')
		.values({ courseId: course.id, name: '第45期', orgUnitId: s.units.school.id, startsOn: '2026-03-01', endsOn: '2026-04-30', requiredHours: 4 })
		.returning('id')
		.executeTakeFirstOrThrow());
	const { a1, a2, a3, m1 } = s.learners;
	await t.db.insertInto('enrollment').values([a1, a2, a3, m1].map((p) => ({ cohortId, personId: p.id }))).execute();
	// a1: both required lessons done; 'one' over its cap (2 学时 = 90 min), plus the optional one.
	await progress(a1.id, 'one', 200 * MIN, true);
	await progress(a1.id, 'two', 90 * MIN, true);
	await progress(a1.id, 'extra', 20 * MIN);
	// a2: half of one lesson; time on the unpublished draft counts for nothing.
	await progress(a2.id, 'one', 45 * MIN);
	await progress(a2.id, 'draft', 300 * MIN, true);
	// m1: studied 'two' while not enrolled in any other course's cohort.
	await progress(m1.id, 'two', 30 * MIN, true);
	// Someone not enrolled does not appear.
	await progress(s.learners.pg1.id, 'one', 90 * MIN, true);
});
afterAll(() => t.close());

describe('cohortProgress', () => {
	it('credits each lesson up to its 学时 and counts completed required lessons, in one row per learner', async () => {
		const rows = await cohortProgress(t.db, cohortId);
		const by = Object.fromEntries(rows.map((r) => [r.username, r]));
		expect(rows.map((r) => r.username)).toEqual(['C2401001', 'C2401002', 'C2401003', 'C2403001']);
		expect(by.C2401001).toMatchObject({ lessonsDone: 2, lessonsRequired: 2, lessonsTotal: 3, hoursCredited: 4.44, requiredHours: 4, onlineDone: true });
		expect(by.C2401001.lastActivityAt).toEqual(new Date('2026-03-03T08:00:00Z'));
		expect(by.C2401002).toMatchObject({ lessonsDone: 0, hoursCredited: 1, onlineDone: false });
		expect(by.C2401003).toMatchObject({ lessonsDone: 0, hoursCredited: 0, lastActivityAt: null, onlineDone: false });
		expect(by.C2403001).toMatchObject({ lessonsDone: 1, hoursCredited: 0.67, orgName: '临床医学支部' });
	});

	it('uses the school setting for the length of a 学时', async () => {
		await t.db.insertInto('appSetting').values({ key: 'study.credit_hour_minutes', value: 40 }).execute();
		const [a1] = await cohortProgress(t.db, cohortId, { personIds: [s.learners.a1.id] });
		// one: min(200, 80) + two: min(90, 80) + extra: min(20, 40) = 180 min = 4.5 学时 of 40 min
		expect(a1.hoursCredited).toBe(4.5);
		await t.db.updateTable('appSetting').set({ value: { minutes: 'nonsense' } }).where('key', '=', 'study.credit_hour_minutes').execute();
		expect((await cohortProgress(t.db, cohortId, { personIds: [s.learners.a1.id] }))[0].hoursCredited).toBe(4.44);
		await t.db.deleteFrom('appSetting').where('key', '=', 'study.credit_hour_minutes').execute();
	});

	it('narrows to a subtree or a scope, and an empty scope sees nobody', async () => {
		expect((await cohortProgress(t.db, cohortId, { underPath: s.units.med.path })).map((r) => r.username)).toEqual(['C2403001']);
		expect((await cohortProgress(t.db, cohortId, { paths: [s.units.csUg1.path] })).length).toBe(3);
		expect(await cohortProgress(t.db, cohortId, { paths: [] })).toEqual([]);
		expect(await cohortProgress(t.db, cohortId, { personIds: [] })).toEqual([]);
	});

	it('filters and pages the table in SQL and sums completion per branch', async () => {
		const rows = await cohortProgress(t.db, cohortId);
		expect((await cohortLearners(t.db, cohortId, undefined, { todo: true })).map((r) => r.username)).toEqual(['C2401002', 'C2401003', 'C2403001']);
		expect((await cohortLearners(t.db, cohortId, undefined, { todo: false, q: '张', branchId: s.units.csUg1.id })).length).toBe(3);
		const page = (n: number, f = { todo: false }) => cohortLearnerPage(t.db, cohortId, undefined, { ...f, page: n, pageSize: 2 });
		const [one, two, three] = await Promise.all([page(1), page(2), page(3)]);
		expect([one.total, two.total, three.total]).toEqual([4, 4, 4]);
		expect([...one.rows, ...two.rows].map((r) => r.username)).toEqual(rows.map((r) => r.username));
		expect(three.rows).toEqual([]);
		expect(one.rows[0]).toEqual(rows[0]);
		const todo = await cohortLearnerPage(t.db, cohortId, undefined, { todo: true, page: 2, pageSize: 2 });
		expect([todo.total, todo.rows.map((r) => r.username)]).toEqual([3, ['C2403001']]);
		const scoped = await cohortLearnerPage(t.db, cohortId, [s.units.medUg1.path], { todo: false, page: 1, pageSize: 2 });
		expect([scoped.total, scoped.rows.map((r) => r.username)]).toEqual([1, ['C2403001']]);
		expect((await cohortLearnerPage(t.db, cohortId, [], { todo: false, page: 1, pageSize: 2 })).total).toBe(0);
		expect(await branchCompletion(t.db, cohortId, undefined)).toEqual([
			{ orgUnitId: s.units.csUg1.id, name: '计算机本科第一支部', total: 3, onlineDone: 1 },
			{ orgUnitId: s.units.medUg1.id, name: '临床医学支部', total: 1, onlineDone: 0 }
		]);
		expect((await progressWorkbook('第45期', rows)).byteLength).toBeGreaterThan(1000);
	});

	it('lists one learner\'s published lessons with capped hours', async () => {
		const lessons = await learnerLessons(t.db, cohortId, s.learners.a1.id);
		expect(lessons.map((l) => [l.slug, Number(l.hoursCredited), l.completedAt !== null])).toEqual([
			['one', 2, true],
			['two', 2, true],
			['extra', 0.44, false]
		]);
	});
});

describe('myCohorts', () => {
	it('shows the learner their cohort, progress and the first required lesson not completed', async () => {
		const [a2] = await myCohorts(t.db, s.learners.a2.id);
		expect(a2).toMatchObject({ id: cohortId, courseCode: 'ACT', lessonsDone: 0, lessonsRequired: 2, hoursCredited: 1, requiredHours: 4, nextLesson: { slug: 'one' } });
		const [m1] = await myCohorts(t.db, s.learners.m1.id);
		expect(m1.nextLesson).toEqual({ slug: 'one', title: '第1讲' });
		const [a1] = await myCohorts(t.db, s.learners.a1.id);
		expect(a1).toMatchObject({ onlineDone: true, nextLesson: null });
		expect(await myCohorts(t.db, s.learners.pg1.id)).toEqual([]);
	});
});
