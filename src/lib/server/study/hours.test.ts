import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { defaultStudySettings } from './accounting';
import { hoursForPeople } from './hours';
import { CREDIT_HOUR_MINUTES_KEY, forgetStudySettings, MIN_LESSON_MINUTES_KEY, readStudySettings, studySettings } from './settings';
import { seedStudy } from '../../../test-support/study';

let t: OpenDatabase;
beforeAll(async () => {
	t = await testDatabase();
});
afterAll(() => t.close());

describe('hoursForPeople', () => {
	it('sums capped credit and completed lessons per person over the course’s published lessons', async () => {
		const s = await seedStudy(t.db, [{ creditHours: 1 }, { creditHours: 0.5, required: false }, { creditHours: 1, published: false }]);
		const other = await seedStudy(t.db, [{ creditHours: 2 }]);
		const [a, b, idle] = [await s.person(), await s.person(), await s.person()];
		const [l1, l2, draft] = s.lessonIds;
		const completedAt = new Date();
		await t.db
			.insertInto('lessonProgress')
			.values([
				{ personId: a, lessonId: l1, secondsCredited: 2700, reachedEnd: true, completedAt },
				// more than the lesson's cap now allows (it was republished with fewer hours)
				{ personId: a, lessonId: l2, secondsCredited: 5000, reachedEnd: true, completedAt },
				{ personId: a, lessonId: draft, secondsCredited: 900 },
				{ personId: a, lessonId: other.lessonIds[0], secondsCredited: 3000, completedAt },
				{ personId: b, lessonId: l1, secondsCredited: 1349 }
			])
			.execute();

		const hours = await hoursForPeople(t.db, [a, b, idle, a], s.courseId, defaultStudySettings);
		expect([...hours.keys()]).toEqual([a, b, idle]);
		expect(hours.get(a)).toEqual({ personId: a, lessonsCompleted: 2, requiredLessonsCompleted: 1, secondsCredited: 2700 + 1350, hours: 1.5 });
		expect(hours.get(b)).toEqual({ personId: b, lessonsCompleted: 0, requiredLessonsCompleted: 0, secondsCredited: 1349, hours: 0.4 });
		expect(hours.get(idle)).toEqual({ personId: idle, lessonsCompleted: 0, requiredLessonsCompleted: 0, secondsCredited: 0, hours: 0 });
		expect((await hoursForPeople(t.db, [a], s.courseId, { creditHourMinutes: 40, minLessonMinutes: null })).get(a)).toMatchObject({
			secondsCredited: 2400 + 1200,
			hours: 1.5
		});
		expect(await hoursForPeople(t.db, [], s.courseId)).toEqual(new Map());
	});
});

describe('study settings', () => {
	it('reads the length of one 学时 and the minimum per lesson, with defaults for missing or bad values', async () => {
		expect(await readStudySettings(t.db)).toEqual({ creditHourMinutes: 45, minLessonMinutes: null });
		await t.db
			.insertInto('appSetting')
			.values([{ key: CREDIT_HOUR_MINUTES_KEY, value: 40 }, { key: MIN_LESSON_MINUTES_KEY, value: '10' }])
			.execute();
		expect(await readStudySettings(t.db)).toEqual({ creditHourMinutes: 40, minLessonMinutes: 10 });
		await t.db.updateTable('appSetting').set({ value: -5 }).where('key', '=', CREDIT_HOUR_MINUTES_KEY).execute();
		await t.db.updateTable('appSetting').set({ value: { minutes: 3 } }).where('key', '=', MIN_LESSON_MINUTES_KEY).execute();
		expect(await readStudySettings(t.db)).toEqual({ creditHourMinutes: 45, minLessonMinutes: null });
		await t.db.deleteFrom('appSetting').where('key', 'in', [CREDIT_HOUR_MINUTES_KEY, MIN_LESSON_MINUTES_KEY]).execute();
	});

	it('caches them for a minute', async () => {
		forgetStudySettings(t.db);
		const now = Date.now();
		expect(await studySettings(t.db, now)).toMatchObject({ creditHourMinutes: 45 });
		await t.db.insertInto('appSetting').values({ key: CREDIT_HOUR_MINUTES_KEY, value: 50 }).execute();
		expect(await studySettings(t.db, now + 59_000)).toMatchObject({ creditHourMinutes: 45 });
		expect(await studySettings(t.db, now + 61_000)).toMatchObject({ creditHourMinutes: 50 });
		await t.db.deleteFrom('appSetting').where('key', '=', CREDIT_HOUR_MINUTES_KEY).execute();
		forgetStudySettings(t.db);
	});
});
