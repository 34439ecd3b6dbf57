import { compileCalendar, type WorkingCalendar } from './calendar';
import { calendarDataSchema, type YearArrangement } from './calendar-data';
import { todayInShanghai, type CalendarDate } from './dates';
import { getRuleSet } from './rule-sets';
import { resolveStoredSettings } from './settings';
import type { EffectiveSettings } from './rule-types';
import type { EvaluationContext } from './types';
import type { Db } from '$lib/server/db';

export interface SettingsVersion {
	id: number;
	ruleSetId: string;
	overrides: Record<string, Record<string, unknown>>;
	effectiveFrom: Date;
	note: string;
	createdBy: number | null;
	createdAt: Date;
}

export interface RulesInEffect {
	version: SettingsVersion;
	settings: EffectiveSettings;
	/** Stored overrides no longer allowed (the rule set's value applies instead), in Chinese. */
	refusedOverrides: string[];
	calendar: WorkingCalendar;
	calendarYears: number[];
	ctx: EvaluationContext;
	at: Date;
	today: CalendarDate;
}

/** The settings version in effect at `at`: the latest one that had started by then. */
export async function settingsVersionAt(db: Db, at: Date): Promise<SettingsVersion> {
	const row = await db
		.selectFrom('developmentSettings')
		.select(['id', 'ruleSetId', 'overrides', 'effectiveFrom', 'note', 'createdBy', 'createdAt'])
		.where('effectiveFrom', '<=', at)
		.orderBy('effectiveFrom', 'desc')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	// The migration seeds a version from 2000; without it, the national defaults apply.
	return row ?? { id: 0, ruleSetId: 'cpc-2014', overrides: {}, effectiveFrom: new Date(0), note: '', createdBy: null, createdAt: new Date(0) };
}

/** The admin-maintained years; a year whose stored data no longer validates counts as missing (a warning, not a guess). */
export async function loadCalendarYears(db: Db): Promise<YearArrangement[]> {
	const rows = await db.selectFrom('developmentCalendar').select(['year', 'data']).orderBy('year').execute();
	return rows.flatMap((r) => {
		const parsed = calendarDataSchema.safeParse([r.data]);
		return parsed.success && parsed.data[0].year === r.year ? parsed.data : [];
	});
}

/**
 * Settings and calendar as of `at`, read fresh each time (two small queries): a transition must
 * use what is in effect at its own moment, never what an earlier request saw.
 */
export async function rulesInEffect(db: Db, at: Date = new Date()): Promise<RulesInEffect> {
	const [version, years] = await Promise.all([settingsVersionAt(db, at), loadCalendarYears(db)]);
	const ruleSet = getRuleSet(version.ruleSetId);
	if (!ruleSet) throw new Error(`development settings ${version.id} name an unknown rule set ${version.ruleSetId}`);
	// Overrides are validated when saved; one a rule set has since tightened under gives way to its floor.
	const { settings, refused } = resolveStoredSettings(ruleSet, version.overrides);
	const calendar = compileCalendar(years);
	const today = todayInShanghai(at);
	return { version, settings, refusedOverrides: refused, calendar, calendarYears: years.map((y) => y.year), ctx: { today, calendar }, at, today };
}
