import { compileCalendar, type WorkingCalendar } from '../engine/calendar';
import { calendarDataSchema, type YearArrangement } from '../engine/calendar-data';
import { todayInShanghai, type CalendarDate } from '../engine/dates';
import { getRuleSet } from '../engine/rule-sets';
import { resolveStoredSettings } from '../engine/resolve-settings';
import type { EffectiveSettings, RuleSet } from '../engine/rule-types';
import { withCollegeRules } from '../engine/college-rules';
import { escapeLike } from '../../auth/scope';
import type { EvaluationContext } from '../engine/types';
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
	/** A person's settings: the school's, or their college's stricter ones (`settingsForUnit`). */
	settingsForUnit: (orgUnitId: number) => EffectiveSettings;
	/** The college versions in effect (empty when no college has tightened anything). */
	colleges: CollegeVersion[];
	/** The college whose version applies to a unit's people, if any. */
	collegeOf: (orgUnitId: number) => CollegeVersion | undefined;
}

export interface CollegeVersion {
	id: number;
	orgUnitId: number;
	path: string;
	overrides: Record<string, Record<string, unknown>>;
	effectiveFrom: Date;
}

/** Each college's version in effect at `at`: the latest that had started by then, one per unit. */
export async function collegeVersionsAt(db: Db, at: Date): Promise<CollegeVersion[]> {
	return db
		.selectFrom('developmentCollegeSettings as c')
		.innerJoin('orgUnit as o', 'o.id', 'c.orgUnitId')
		.distinctOn('c.orgUnitId')
		.select(['c.id', 'c.orgUnitId', 'o.path', 'c.overrides', 'c.effectiveFrom'])
		.where('c.effectiveFrom', '<=', at)
		.orderBy('c.orgUnitId')
		.orderBy('c.effectiveFrom', 'desc')
		.orderBy('c.id', 'desc')
		.execute();
}

/**
 * Per-unit settings for a whole school from a fixed two queries (the colleges' versions, then the
 * paths of the units under them), each college's settings resolved once and shared by its people.
 */
async function unitColleges(db: Db, colleges: CollegeVersion[]): Promise<(orgUnitId: number) => CollegeVersion | undefined> {
	if (colleges.length === 0) return () => undefined;
	const under = await db
		.selectFrom('orgUnit')
		.select(['id', 'path'])
		.where((eb) => eb.or(colleges.map((c) => eb('path', 'like', `${escapeLike(c.path)}%`))))
		.execute();
	// The nearest college above (or at) a unit: the longest path that starts its own.
	const byPath = [...colleges].sort((a, b) => b.path.length - a.path.length);
	const unitCollege = new Map<number, CollegeVersion>();
	for (const u of under) {
		const c = byPath.find((x) => u.path.startsWith(x.path));
		if (c) unitCollege.set(u.id, c);
	}
	return (orgUnitId) => unitCollege.get(orgUnitId);
}

/** Settings per unit over some school settings: each college's resolved once, shared by its people. */
export function unitSettings(ruleSet: RuleSet, school: EffectiveSettings, collegeOf: (orgUnitId: number) => CollegeVersion | undefined): (orgUnitId: number) => EffectiveSettings {
	const resolved = new Map<number, EffectiveSettings>();
	return (orgUnitId) => {
		const c = collegeOf(orgUnitId);
		if (!c) return school;
		let s = resolved.get(c.id);
		if (!s) resolved.set(c.id, (s = withCollegeRules(ruleSet, school, c.overrides)));
		return s;
	};
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
	const [version, years, colleges] = await Promise.all([settingsVersionAt(db, at), loadCalendarYears(db), collegeVersionsAt(db, at)]);
	const ruleSet = getRuleSet(version.ruleSetId);
	if (!ruleSet) throw new Error(`development settings ${version.id} name an unknown rule set ${version.ruleSetId}`);
	// Overrides are validated when saved; one a rule set has since tightened under gives way to its floor.
	const { settings, refused } = resolveStoredSettings(ruleSet, version.overrides);
	const calendar = compileCalendar(years);
	const today = todayInShanghai(at);
	const collegeOf = await unitColleges(db, colleges);
	const settingsForUnit = unitSettings(ruleSet, settings, collegeOf);
	return { version, settings, refusedOverrides: refused, calendar, calendarYears: years.map((y) => y.year), ctx: { today, calendar }, at, today, settingsForUnit, colleges, collegeOf };
}
