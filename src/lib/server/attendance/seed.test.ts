import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { seedDemoSessions } from './seed';
import { checkInPhase } from './rules';
import { attendanceSummary } from './summary';
import { buildAttendanceSchool } from '../../../test-support/attendance';

let t: OpenDatabase;
beforeAll(async () => {
	t = await testDatabase();
});
afterAll(() => t.close());

describe('seedDemoSessions', () => {
	it('creates past, current and future sessions inside the caller transaction, once', async () => {
		const school = await buildAttendanceSchool(t.db);
		const now = new Date();
		const current = await t.db.transaction().execute((trx) => seedDemoSessions(trx, school.cohortId, school.users.instructor.id, now));
		expect(current).toEqual(expect.any(Number));
		expect(await seedDemoSessions(t.db, school.cohortId, school.users.instructor.id, now)).toBeNull();
		const sessions = await t.db.selectFrom('session').selectAll().where('cohortId', '=', school.cohortId).orderBy('startsAt').execute();
		expect(sessions).toHaveLength(5);
		const live = sessions.find((s) => s.id === current)!;
		expect(checkInPhase(live, now)).toBe('on_time');
		expect(checkInPhase(live, new Date(now.getTime() + 10 * 60_000))).toBe('on_time');
		expect(sessions.filter((s) => s.closedAt !== null)).toHaveLength(2);
		const summary = await attendanceSummary(t.db, school.cohortId);
		expect(summary.every((r) => r.sessions === 2)).toBe(true);
		expect(summary.some((r) => r.absent > 0)).toBe(true);
	});
});
