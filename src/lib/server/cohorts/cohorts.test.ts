import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildCourse, buildSchool } from '../../../test-support/cohorts';
import { cohortAccess, cohortViewPaths, intersectScopes } from './access';
import { createCohort, setCohortStatus, updateCohort } from './service';
import { listCohorts } from './repository';
import { CohortClosedError, enrollPeople, peopleInPaths, peopleOfStage, withdrawLearner } from './enroll';
import { enrollFromList } from './enroll-list';
import type { AuthUser } from '../auth/session';

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildSchool>>;
let courseId: number;
const cohorts: Record<'school' | 'cs' | 'med', number> = {} as never;

const input = (orgUnitId: number, extra: Partial<Parameters<typeof createCohort>[2]> = {}) => ({
	courseId,
	orgUnitId,
	name: '第45期入党积极分子培训班',
	startsOn: '2026-03-01',
	endsOn: '2026-04-30',
	requiredHours: null,
	instructorIds: [],
	...extra
});

async function created(user: AuthUser, orgUnitId: number, extra: Partial<Parameters<typeof createCohort>[2]> = {}) {
	const r = await createCohort(t.db, user, input(orgUnitId, extra));
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.id;
}

const audits = (action: string) =>
	t.db.selectFrom('auditLog').select(['entityId', 'after', 'before']).where('action', '=', action).orderBy('id').execute();
const enrolled = async (cohortId: number) =>
	(await t.db.selectFrom('enrollment').select('personId').where('cohortId', '=', cohortId).orderBy('personId').execute()).map((r) => r.personId);
const csv = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
	t = await testDatabase();
	s = await buildSchool(t.db);
	courseId = (await buildCourse(t.db)).id;
	cohorts.school = await created(s.users.admin, s.units.school.id, { instructorIds: [s.users.instructor.id] });
	cohorts.cs = await created(s.users.organizer, s.units.cs.id, { name: '计算机学院第12期' });
	cohorts.med = await created(s.users.medOrganizer, s.units.med.id, { name: '医学院第3期' });
});
afterAll(() => t.close());

describe('creating cohorts', () => {
	it('defaults the required hours to the course hours and audits the creation', async () => {
		const row = await t.db.selectFrom('cohort').selectAll().where('id', '=', cohorts.school).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ requiredHours: 4, status: 'open', startsOn: '2026-03-01', createdBy: s.users.admin.id });
		const entry = (await audits('cohort.create')).find((a) => a.entityId === String(cohorts.school));
		expect(entry?.after).toMatchObject({ courseCode: 'ACT', requiredHours: 4, instructorIds: [s.users.instructor.id] });
	});

	it('refuses an organizer a cohort scoped to another college, to the school, or to a branch', async () => {
		for (const unit of [s.units.med, s.units.school, s.units.csUg1, s.units.office]) {
			const r = await createCohort(t.db, s.users.organizer, input(unit.id));
			expect(r).toMatchObject({ ok: false, errors: { orgUnitId: expect.stringContaining('不在您的管理范围内') } });
		}
		expect((await audits('cohort.create')).length).toBe(3);
	});

	it('refuses a course without published lessons and a non-instructor as instructor', async () => {
		const empty = await t.db.insertInto('course').values({ code: 'EMPTY', title: '空课程', category: 'member_education', source: 'browser' }).returning('id').executeTakeFirstOrThrow();
		const r = await createCohort(t.db, s.users.admin, { ...input(s.units.school.id), courseId: empty.id, instructorIds: [s.users.secretary.id] });
		expect(r).toMatchObject({ ok: false, errors: { courseId: expect.any(String), instructorIds: '所选人员中有人不是授课教师' } });
	});

	it('edits only on a real change, audited with before and after', async () => {
		const same = { name: '计算机学院第12期', startsOn: '2026-03-01', endsOn: '2026-04-30', requiredHours: null, instructorIds: [] };
		expect(await updateCohort(t.db, s.users.organizer.id, cohorts.cs, same, 4)).toEqual({ ok: true, changed: false });
		const r = await updateCohort(t.db, s.users.organizer.id, cohorts.cs, { ...same, requiredHours: 6, instructorIds: [s.users.instructor2.id] }, 4);
		expect(r).toEqual({ ok: true, changed: true });
		const [entry] = await audits('cohort.update');
		expect(entry.before).toMatchObject({ requiredHours: 4, instructorIds: [] });
		expect(entry.after).toMatchObject({ requiredHours: 6, instructorIds: [s.users.instructor2.id] });
	});
});

describe('who sees which cohort', () => {
	it('gives the admin every cohort, an organizer their college and the school, a secretary theirs, an instructor what they teach', async () => {
		const list = async (user: AuthUser) =>
			(await listCohorts(t.db, { personId: user.id, viewPaths: cohortViewPaths(user), learnerPaths: [], page: 1, pageSize: 50 })).rows.map((r) => r.id).sort();
		const sorted = (...ids: number[]) => ids.sort();
		expect(await list(s.users.admin)).toEqual(sorted(cohorts.school, cohorts.cs, cohorts.med));
		expect(await list(s.users.organizer)).toEqual(sorted(cohorts.school, cohorts.cs));
		expect(await list(s.users.secretary)).toEqual(sorted(cohorts.school, cohorts.cs));
		expect(await list(s.users.secretary2)).toEqual(sorted(cohorts.school, cohorts.med));
		expect(await list(s.users.instructor)).toEqual([cohorts.school]);
		expect(await list(s.users.instructor2)).toEqual([cohorts.cs]);
		expect(await list(s.learners.a1)).toEqual([]);
	});

	it('limits a secretary to their branch inside a school-wide cohort, and enrolment to it', () => {
		const school = { orgPath: s.units.school.path, teaches: false };
		expect(cohortAccess(s.users.secretary, school)).toEqual({ view: true, manage: false, enrollPaths: [s.units.csUg1.path], learnerPaths: [s.units.csUg1.path] });
		expect(cohortAccess(s.users.organizer, school)).toMatchObject({ view: true, manage: false, enrollPaths: [s.units.cs.path] });
		expect(cohortAccess(s.users.secretary, { orgPath: s.units.med.path, teaches: false }).view).toBe(false);
		expect(cohortAccess(s.users.instructor, { ...school, teaches: true })).toMatchObject({ view: true, manage: false, enrollPaths: [], learnerPaths: null });
		expect(cohortAccess(s.users.instructor, school).view).toBe(false);
		expect(intersectScopes(['/1/', '/9/'], ['/1/4/'])).toEqual(['/1/4/']);
	});
});

describe('enrolment', () => {
	it('lets a secretary pick only people of their branch', async () => {
		const { enrollPaths } = cohortAccess(s.users.secretary, { orgPath: s.units.school.path, teaches: false });
		const picked = [s.learners.a1.id, s.learners.m1.id, s.learners.pg1.id];
		expect(await peopleInPaths(t.db, picked, enrollPaths)).toEqual([s.learners.a1.id]);
	});

	it('refuses a whole list when one row is wrong, naming every bad row, and writes nothing', async () => {
		const { enrollPaths } = cohortAccess(s.users.secretary, { orgPath: s.units.school.path, teaches: false });
		const file = csv('学号,姓名\nC2401001,张一\nC2403001,李医\nNOPE,无名\nC2401002,张三\nC2401001,张一\n');
		const r = await enrollFromList(t.db, { actorId: s.users.secretary.id, cohortId: cohorts.school, paths: enrollPaths, fileName: 'list.csv', bytes: file });
		expect(r.ok).toBe(false);
		expect(r.ok ? [] : r.errors.map((e) => [e.rowNumber, e.messages.join()])).toEqual([
			// Another branch's 学号 reads exactly like one that does not exist.
			[3, '学号/工号 C2403001 未找到，或不在您可为本培训班报名的范围内'],
			[4, '学号/工号 NOPE 未找到，或不在您可为本培训班报名的范围内'],
			[5, expect.stringContaining('不一致')],
			[6, '与第 2 行重复']
		]);
		expect(JSON.stringify(r)).not.toContain('李医'); // outside the scope, the 学号 stays anonymous
		expect(await enrolled(cohorts.school)).toEqual([]);
		expect(await audits('cohort.enroll')).toEqual([]);
	});

	it('enrols a good list in one audited batch and treats the already enrolled as done', async () => {
		const { enrollPaths } = cohortAccess(s.users.admin, { orgPath: s.units.school.path, teaches: false });
		const first = await enrollFromList(t.db, { actorId: s.users.admin.id, cohortId: cohorts.school, paths: enrollPaths, fileName: 'a.csv', bytes: csv('学号/工号\nC2401001\nC2403001\n') });
		expect(first).toEqual({ ok: true, added: 2, already: 0 });
		const again = await enrollFromList(t.db, { actorId: s.users.admin.id, cohortId: cohorts.school, paths: enrollPaths, fileName: 'b.csv', bytes: csv('工号\nC2401001\nC2403002\n') });
		expect(again).toEqual({ ok: true, added: 1, already: 1 });
		const entries = await audits('cohort.enroll');
		expect(entries.map((e) => e.after)).toEqual([
			{ source: 'list', fileName: 'a.csv', rows: 2, count: 2, personIds: [s.learners.a1.id, s.learners.m1.id].sort((a, b) => a - b) },
			{ source: 'list', fileName: 'b.csv', rows: 2, count: 1, personIds: [s.learners.m2.id] }
		]);
	});

	it('reads an Excel list as well', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('名单');
		sheet.addRow(['序号', '学号/工号', '姓名']);
		sheet.addRow([1, 'C2401003', '张三']);
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
		const { enrollPaths } = cohortAccess(s.users.secretary, { orgPath: s.units.school.path, teaches: false });
		const r = await enrollFromList(t.db, { actorId: s.users.secretary.id, cohortId: cohorts.school, paths: enrollPaths, fileName: '名单.xlsx', bytes });
		expect(r).toEqual({ ok: true, added: 1, already: 0 });
		await t.db.deleteFrom('enrollment').where('personId', '=', s.learners.a3.id).execute();
	});

	it('refuses a list without a 学号/工号 column', async () => {
		const r = await enrollFromList(t.db, { actorId: s.users.admin.id, cohortId: cohorts.school, paths: ['/'], fileName: 'x.csv', bytes: csv('姓名\n张一\n') });
		expect(r).toMatchObject({ ok: false, message: '第 1 行（表头）缺少“学号/工号”列' });
	});

	it('enrols everyone of a stage in a branch, and doing it again changes nothing', async () => {
		const ids = await peopleOfStage(t.db, s.units.csUg1.path, 'activist');
		expect(ids.sort()).toEqual([s.learners.a1.id, s.learners.a2.id].sort());
		const batch = { actorId: s.users.organizer.id, cohortId: cohorts.cs, personIds: ids, detail: { source: 'stage', unitId: s.units.csUg1.id, status: 'activist' } };
		expect(await enrollPeople(t.db, batch)).toEqual({ added: 2, already: 0 });
		const auditCount = (await audits('cohort.enroll')).length;
		expect(await enrollPeople(t.db, batch)).toEqual({ added: 0, already: 2 });
		expect((await audits('cohort.enroll')).length).toBe(auditCount);
		expect(await enrolled(cohorts.cs)).toEqual([s.learners.a1.id, s.learners.a2.id].sort((a, b) => a - b));
	});

	it('withdraws a learner with an audit entry, and a closed cohort takes no changes', async () => {
		expect(await withdrawLearner(t.db, s.users.organizer.id, cohorts.cs, s.learners.a2.id)).toBe(true);
		expect(await withdrawLearner(t.db, s.users.organizer.id, cohorts.cs, s.learners.a2.id)).toBe(false);
		expect((await audits('cohort.withdraw')).map((a) => a.before)).toEqual([{ personId: s.learners.a2.id, enrolledAt: expect.any(String) }]);

		expect(await setCohortStatus(t.db, s.users.organizer.id, cohorts.cs, 'closed')).toBe(true);
		expect(await setCohortStatus(t.db, s.users.organizer.id, cohorts.cs, 'closed')).toBe(false);
		await expect(enrollPeople(t.db, { actorId: s.users.organizer.id, cohortId: cohorts.cs, personIds: [s.learners.a2.id], detail: { source: 'pick' } })).rejects.toBeInstanceOf(CohortClosedError);
		await expect(withdrawLearner(t.db, s.users.organizer.id, cohorts.cs, s.learners.a1.id)).rejects.toBeInstanceOf(CohortClosedError);
		expect(await enrolled(cohorts.cs)).toEqual([s.learners.a1.id]);
		expect(await setCohortStatus(t.db, s.users.organizer.id, cohorts.cs, 'open')).toBe(true);
		expect((await audits('cohort.close')).length + (await audits('cohort.reopen')).length).toBe(2);
	});
});
