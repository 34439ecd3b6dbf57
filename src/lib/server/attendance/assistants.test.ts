import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { addAssistant, listAssistants } from './assistants';
import { buildAttendanceSchool } from '../../../test-support/attendance';

// Naming an attendance assistant by 学号/工号 must not tell the caller the name of someone they
// may not see: the cohort's instructor finds the cohort's own learners; anyone else only people
// in their person.view scope. Unknown and out of reach read alike.

let t: OpenDatabase;
let school: Awaited<ReturnType<typeof buildAttendanceSchool>>;
const OUT_OF_REACH = '未找到该学号/工号，或不在您的管理范围内';

beforeAll(async () => {
	t = await testDatabase();
	school = await buildAttendanceSchool(t.db);
});
afterAll(() => t.close());

describe('naming an attendance assistant', () => {
	it('refuses a person the instructor may not see without naming them, and writes nothing', async () => {
		// A member of staff elsewhere in the school: not enrolled, and an instructor sees no profiles.
		const r = await addAssistant(t.db, school.users.instructor, school.cohortId, school.users.secretary2.username);
		expect(r).toEqual({ ok: false, message: OUT_OF_REACH });
		expect(JSON.stringify(r)).not.toContain(school.users.secretary2.name);
		expect(await addAssistant(t.db, school.users.instructor, school.cohortId, 'no-such-user')).toEqual({ ok: false, message: OUT_OF_REACH });
		expect(await listAssistants(t.db, school.cohortId)).toEqual([]);
		expect(await t.db.selectFrom('auditLog').select('id').where('action', '=', 'attendance.assistant_add').execute()).toEqual([]);
	});

	it('lets the instructor name a learner of the cohort, and an organizer a person of their college', async () => {
		expect(await addAssistant(t.db, school.users.instructor, school.cohortId, 'C2402001')).toEqual({ ok: true, name: '王研' });
		expect(await addAssistant(t.db, school.users.organizer, school.cohortId, school.users.secretary.username)).toEqual({ ok: true, name: '陈书记' });
		// The college organizer does not reach the medical school's people.
		expect(await addAssistant(t.db, school.users.organizer, school.cohortId, school.users.secretary2.username)).toEqual({ ok: false, message: OUT_OF_REACH });
	});
});
