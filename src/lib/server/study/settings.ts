import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { defaultStudySettings, type StudySettings } from './accounting';

export const CREDIT_HOUR_MINUTES_KEY = 'study.credit_hour_minutes';
export const MIN_LESSON_MINUTES_KEY = 'study.min_lesson_minutes';

// Settings, not state: a heartbeat may see a change up to a minute late, which saves a query on
// every beat (the hottest endpoint of the site).
const TTL_MS = 60_000;
const cache = new WeakMap<object, { at: number; settings: Promise<StudySettings> }>();

/** A positive number of minutes from a jsonb value (a number, or a numeric string); else null. */
function minutes(value: unknown, max: number): number | null {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	return Number.isFinite(n) && n > 0 && n <= max ? n : null;
}

export async function readStudySettings(db: Kysely<Database>): Promise<StudySettings> {
	const rows = await db
		.selectFrom('appSetting')
		.select(['key', 'value'])
		.where('key', 'in', [CREDIT_HOUR_MINUTES_KEY, MIN_LESSON_MINUTES_KEY])
		.execute();
	const value = (key: string) => rows.find((r) => r.key === key)?.value;
	return {
		creditHourMinutes: minutes(value(CREDIT_HOUR_MINUTES_KEY), 240) ?? defaultStudySettings.creditHourMinutes,
		minLessonMinutes: minutes(value(MIN_LESSON_MINUTES_KEY), 24 * 60) ?? defaultStudySettings.minLessonMinutes
	};
}

/** The study settings, read at most once a minute per database. */
export function studySettings(db: Kysely<Database>, now = Date.now()): Promise<StudySettings> {
	const hit = cache.get(db);
	if (hit && now - hit.at < TTL_MS) return hit.settings;
	const settings = readStudySettings(db);
	cache.set(db, { at: now, settings });
	// A failed read must not stick for a minute.
	settings.catch(() => cache.delete(db));
	return settings;
}

/** For code that has just changed a setting (and for tests). */
export function forgetStudySettings(db: Kysely<Database>) {
	cache.delete(db);
}
