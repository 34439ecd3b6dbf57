import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolTestDatabase, type SchoolTest } from '../../../test-support/cohorts';
import { runLoad } from '../../../test-support/load';
import { shanghaiDate } from '$lib/time/shanghai';
import { load } from './+page.server';

// The due list warns that next year's 工作日历 is missing only to those who can enter it (the
// organisation department); a secretary sees each affected deadline tagged instead.

let s: SchoolTest;
beforeAll(async () => {
	s = await schoolTestDatabase();
});
afterAll(() => s.t.close());

const due = async (user: SchoolTest['school']['users'][keyof SchoolTest['school']['users']]) =>
	(await runLoad(load, { db: s.t.db, user, path: '/development' })) as { missingCalendar: number | null };

describe('the missing-calendar warning', () => {
	it('goes to the school admin, who can enter the calendar', async () => {
		const year = Number(shanghaiDate().slice(0, 4)) + 1;
		await s.t.db.deleteFrom('developmentCalendar').where('year', '=', year).execute();
		const admin = await due(s.school.users.admin);
		expect(admin.missingCalendar).toBe(year);
	});

	it('is not shown to a secretary or an organizer, who cannot', async () => {
		expect((await due(s.school.users.secretary)).missingCalendar).toBeNull();
		expect((await due(s.school.users.organizer)).missingCalendar).toBeNull();
	});
});
