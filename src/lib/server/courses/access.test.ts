import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import type { AuthUser } from '../auth/session';
import { buildCourse, buildSchool } from '../../../test-support/cohorts';
import { canOnCourse, courseIdsInScope, newCourseOwner } from './access';

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildSchool>>;
let schoolCourse: number;
let csCourse: number;
let medCourse: number;
let csAuthor: AuthUser;
beforeAll(async () => {
	t = await testDatabase();
	s = await buildSchool(t.db);
	schoolCourse = (await buildCourse(t.db, 'SCH')).id;
	csCourse = (await buildCourse(t.db, 'CSC')).id;
	medCourse = (await buildCourse(t.db, 'MDC')).id;
	await t.db.updateTable('course').set({ orgUnitId: s.units.cs.id }).where('id', '=', csCourse).execute();
	await t.db.updateTable('course').set({ orgUnitId: s.units.med.id }).where('id', '=', medCourse).execute();
	// An instructor appointed by a college, e.g. an organizer who once made themselves one.
	csAuthor = { ...s.users.organizer, id: s.learners.pg1.id, roles: [{ role: 'instructor', orgUnitId: s.units.cs.id, orgPath: s.units.cs.path, orgName: 'cs', orgKind: 'committee' }] };
});
afterAll(() => t.close());

describe('courses are authored from their owning unit only', () => {
	it("keeps a college's author to the college's courses: not the school's, not another college's, nor their banks", async () => {
		for (const action of ['course.author', 'bank.manage'] as const) {
			expect(canOnCourse(csAuthor, action, null), action).toBe(false);
			expect(canOnCourse(csAuthor, action, s.units.cs.path), action).toBe(true);
			expect(canOnCourse(csAuthor, action, s.units.med.path), action).toBe(false);
			expect([...(await courseIdsInScope(t.db, csAuthor, action))], action).toEqual([csCourse]);
		}
	});

	it('lets a school-level author reach every course, the school-owned ones included', async () => {
		const ids = await courseIdsInScope(t.db, s.users.instructor, 'course.author');
		expect([schoolCourse, csCourse, medCourse].every((id) => ids.has(id))).toBe(true);
		expect(canOnCourse(s.users.instructor, 'bank.manage', null)).toBe(true);
	});

	it('gives nothing to those without an authoring grant', async () => {
		expect((await courseIdsInScope(t.db, s.users.organizer, 'course.author')).size).toBe(0);
		expect(canOnCourse(s.users.organizer, 'course.author', s.units.cs.path)).toBe(false);
	});

	it("files a new course under the author's unit, or the school for a school-level author", () => {
		expect(newCourseOwner(csAuthor, 'course.author')).toBe(s.units.cs.id);
		expect(newCourseOwner(s.users.instructor, 'course.author')).toBeNull();
	});
});
