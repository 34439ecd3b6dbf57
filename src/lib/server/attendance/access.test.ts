import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { sessionAccess } from './access';
import { cohortForClassSessions } from './class-sessions';
import { addAssistant } from './assistants';
import { buildAttendanceSchool } from '../../../test-support/attendance';

let t: OpenDatabase;
let school: Awaited<ReturnType<typeof buildAttendanceSchool>>;
beforeAll(async () => {
	t = await testDatabase();
	school = await buildAttendanceSchool(t.db);
	await addAssistant(t.db, school.users.instructor, school.cohortId, 'C2402001');
});
afterAll(() => t.close());

async function accessOf(user: (typeof school)['users'][keyof (typeof school)['users']], instructorId?: number) {
	const cohort = (await cohortForClassSessions(t.db, school.cohortId, user.id))!;
	return sessionAccess(user, { ...cohort, instructorId });
}

describe('who may do what with a cohort\'s sessions (school-wide cohort)', () => {
	it('the cohort instructor and the school admin edit and run, seeing every learner', async () => {
		for (const u of [school.users.instructor, school.users.admin]) {
			expect(await accessOf(u)).toEqual({ view: true, edit: true, run: true, mark: true, decideLeave: true, learnerPaths: null });
		}
	});

	it('a college organizer and a secretary only view, each their own learners', async () => {
		expect(await accessOf(school.users.organizer)).toEqual({ view: true, edit: false, run: false, mark: false, decideLeave: false, learnerPaths: [school.units.cs.path] });
		expect(await accessOf(school.users.secretary)).toEqual({ view: true, edit: false, run: false, mark: false, decideLeave: false, learnerPaths: [school.units.csUg1.path] });
		expect(await accessOf(school.users.secretary2)).toMatchObject({ learnerPaths: [school.units.medUg1.path] });
	});

	it('another instructor sees nothing, unless the session is theirs', async () => {
		expect(await accessOf(school.users.instructor2)).toMatchObject({ view: false, edit: false, run: false });
		expect(await accessOf(school.users.instructor2, school.users.instructor2.id)).toEqual({ view: true, edit: false, run: true, mark: true, decideLeave: true, learnerPaths: null });
	});

	it('a named assistant runs check-in and marking but does not edit; other learners get nothing', async () => {
		const assistant = { ...school.users.instructor2, id: school.learners.pg1.id, roles: [] };
		expect(await accessOf(assistant)).toEqual({ view: true, edit: false, run: true, mark: true, decideLeave: true, learnerPaths: null });
		const learner = { ...school.users.instructor2, id: school.learners.a1.id, roles: [] };
		expect(await accessOf(learner)).toMatchObject({ view: false, edit: false, run: false });
	});
});
