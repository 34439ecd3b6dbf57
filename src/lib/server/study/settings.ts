import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { defaultStudySettings, type StudySettings } from './accounting';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import { jsonb } from '../quiz/jsonb';

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

/** What the settings page may store: a 学时 is a class period, a lesson's minimum at most a day. */
export const STUDY_SETTING_LIMITS = { creditHourMinutes: { min: 20, max: 240 }, minLessonMinutes: { min: 1, max: 24 * 60 } } as const;

/**
 * Saves the study settings that differ from what is stored, in one audited transaction. A
 * 学时's length is read where hours are counted, so a change re-counts everyone's 学时 from the
 * seconds on record (nothing credited is rewritten); other instances see it within TTL_MS.
 */
export async function saveStudySettings(db: Kysely<Database>, actorId: number, next: StudySettings) {
	const changed = await transact(db, async (trx) => {
		const before = await readStudySettings(trx);
		const keys = (['creditHourMinutes', 'minLessonMinutes'] as const).filter((k) => next[k] !== before[k]);
		if (keys.length === 0) return false;
		const keyOf = { creditHourMinutes: CREDIT_HOUR_MINUTES_KEY, minLessonMinutes: MIN_LESSON_MINUTES_KEY };
		for (const k of keys) {
			const value = next[k];
			if (value === null) await trx.deleteFrom('appSetting').where('key', '=', keyOf[k]).execute();
			else
				await trx
					.insertInto('appSetting')
					.values({ key: keyOf[k], value: jsonb(value) })
					.onConflict((oc) => oc.column('key').doUpdateSet({ value: jsonb(value), updatedAt: new Date() }))
					.execute();
		}
		const pick = (s: StudySettings) => Object.fromEntries(keys.map((k) => [k, s[k]]));
		await appendAudit(trx, { actorId, action: 'study.settings', entityType: 'app_setting', entityId: 'study', before: pick(before), after: pick(next) });
		return true;
	});
	forgetStudySettings(db);
	return changed;
}
