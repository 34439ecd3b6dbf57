import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import { seedStudy } from '../../../test-support/study';
import type { OpenDatabase } from '../db/engine';
import { CREDIT_HOUR_MINUTES_KEY, MIN_LESSON_MINUTES_KEY, readStudySettings, saveStudySettings, studySettings } from './settings';

let t: OpenDatabase;
let adminId: number;
beforeAll(async () => {
	t = await testDatabase();
	adminId = await (await seedStudy(t.db, [{ creditHours: 1 }])).person();
});
afterAll(() => t.close());

const stored = async () => Object.fromEntries((await t.db.selectFrom('appSetting').select(['key', 'value']).where('key', 'in', [CREDIT_HOUR_MINUTES_KEY, MIN_LESSON_MINUTES_KEY]).execute()).map((r) => [r.key, r.value]));
const audits = () => t.db.selectFrom('auditLog').select(['before', 'after']).where('action', '=', 'study.settings').orderBy('id').execute();

describe('saveStudySettings', () => {
	it('stores what changed with one audit entry, is seen at once on this instance, and a second save changes nothing', async () => {
		await studySettings(t.db); // cached before the change
		expect(await saveStudySettings(t.db, adminId, { creditHourMinutes: 50, minLessonMinutes: 20 })).toBe(true);
		expect(await stored()).toEqual({ [CREDIT_HOUR_MINUTES_KEY]: 50, [MIN_LESSON_MINUTES_KEY]: 20 });
		expect(await studySettings(t.db)).toEqual({ creditHourMinutes: 50, minLessonMinutes: 20 });
		expect(await saveStudySettings(t.db, adminId, { creditHourMinutes: 50, minLessonMinutes: 20 })).toBe(false);
		expect(await audits()).toEqual([{ before: { creditHourMinutes: 45, minLessonMinutes: null }, after: { creditHourMinutes: 50, minLessonMinutes: 20 } }]);
	});

	it('clears the lesson minimum back to the default (half the lesson)', async () => {
		expect(await saveStudySettings(t.db, adminId, { creditHourMinutes: 50, minLessonMinutes: null })).toBe(true);
		expect(await stored()).toEqual({ [CREDIT_HOUR_MINUTES_KEY]: 50 });
		expect(await readStudySettings(t.db)).toEqual({ creditHourMinutes: 50, minLessonMinutes: null });
		expect((await audits()).at(-1)).toEqual({ before: { minLessonMinutes: 20 }, after: { minLessonMinutes: null } });
	});
});
