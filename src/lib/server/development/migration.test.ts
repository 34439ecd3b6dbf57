import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { validateCalendarData, officialCalendarData } from './engine/calendar-data';
import * as m0006 from '../../../../migrations/0006_development';
import * as submissions from '../../../../migrations/20261202212711_development_submission';

let t: OpenDatabase;
beforeAll(async () => {
	t = await testDatabase();
});
afterAll(() => t.close());

describe('migration 0006_development', () => {
	it('seeds the shipped calendar as jsonb objects equal to the code data, and one settings version', async () => {
		const rows = await t.db.selectFrom('developmentCalendar').select(['year', 'data']).orderBy('year').execute();
		expect(rows.map((r) => r.year)).toEqual([2025, 2026]);
		expect(rows.map((r) => r.data)).toEqual(officialCalendarData);
		expect(validateCalendarData(rows.map((r) => r.data))).toEqual([]);
		const settings = await t.db.selectFrom('developmentSettings').selectAll().execute();
		expect(settings).toMatchObject([{ ruleSetId: 'cpc-2014', overrides: {} }]);
	});

	it('goes down and up again', async () => {
		await t.db.transaction().execute(async (trx) => {
			// A later table that references development_entry goes first and comes back last.
			await submissions.down(trx);
			await m0006.down(trx);
			await m0006.up(trx);
			await submissions.up(trx);
		});
		const n = await t.db.selectFrom('developmentCalendar').select('year').execute();
		expect(n).toHaveLength(2);
	});
});
