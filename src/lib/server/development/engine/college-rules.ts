import type { AppliedRule, CheckId, EffectiveSettings, ParamValue, RuleSet } from './rule-types';
import { resolveSettings } from './resolve-settings';
import { transitions, type Transition } from './types';

// A college committee (二级党委) may tighten the school's parameters for its own units, never loosen
// them: a person's effective value is the strictest of the rule set (national floors, enforced when
// the school saved), the school's and the college's. Pure: the stored overrides come in as data.

/** Which way a parameter gets stricter: a larger number, a smaller one, switched on, switched off. */
type Way = 'up' | 'down' | 'on' | 'off';

// School-practice parameters (`set` mode) carry no direction of their own: stricter is a longer wait
// or notice, a shorter validity or interval. Anything not listed here a college cannot change.
const setWays: Readonly<Record<string, Way>> = {
	'app-to-activist.months': 'up',
	'league-rec-age.validMonths': 'down',
	'thought-reports.intervalMonths': 'down',
	'activist-training.validMonths': 'down',
	'candidate-notice.workingDays': 'up',
	'political-review-age.maxMonths': 'down',
	'admission-notice.workingDays': 'up',
	'meeting-after-review.months': 'down',
	'probation-thought-reports.intervalMonths': 'down',
	'confirmation-notice.workingDays': 'up'
};
// Switching a check on is stricter; accepting other schools' certificates is the looser choice.
const toggleWays: Readonly<Record<string, Way>> = { enabled: 'on', acceptExternal: 'off' };

interface LooseSpec {
	title: string;
	unit: string;
	school: { mode: string; direction?: 'min_only_up' | 'max_only_down' };
}
type LooseRule = { id: CheckId; title: string; level: 'national' | 'school'; params: Record<string, LooseSpec> };

function wayOf(rule: LooseRule, key: string): Way | null {
	const s = rule.params[key]?.school;
	if (!s) return null;
	if (s.mode === 'tighten') return s.direction === 'min_only_up' ? 'up' : 'down';
	if (s.mode === 'set') return setWays[`${rule.id}.${key}`] ?? null;
	if (s.mode === 'toggle') return toggleWays[key] ?? null;
	return null;
}

const stricter = (way: Way, a: ParamValue, b: ParamValue): ParamValue => {
	if (way === 'up') return Math.max(a as number, b as number);
	if (way === 'down') return Math.min(a as number, b as number);
	if (way === 'on') return (a as boolean) || (b as boolean);
	return (a as boolean) && (b as boolean);
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const amount = (v: ParamValue, unit: string) => (unit ? `${v} ${unit}` : String(v));

export type CollegeOverrides = Record<string, Record<string, ParamValue>>;

/**
 * A college's overrides checked against the school's settings in effect: each must be a value the
 * rule set allows and no looser than the school's. Values equal to the school's are dropped.
 */
export function validateCollegeOverrides(ruleSet: RuleSet, school: EffectiveSettings, overrides: unknown): { errors: string[]; accepted: CollegeOverrides } {
	if (!isRecord(overrides)) return { errors: ['学院规则格式有误：应为按检查项列出的参数及其取值'], accepted: {} };
	const rules = ruleSet.rules as unknown as Record<string, LooseRule>;
	const errors: string[] = [];
	const accepted: CollegeOverrides = {};
	for (const [checkId, values] of Object.entries(overrides)) {
		const rule = Object.hasOwn(rules, checkId) ? rules[checkId] : undefined;
		if (!rule) {
			errors.push(`未知的检查项「${checkId}」`);
			continue;
		}
		if (!isRecord(values)) {
			errors.push(`『${rule.title}』的设置格式有误：应为各项参数及其取值`);
			continue;
		}
		for (const [key, value] of Object.entries(values)) {
			const spec = Object.hasOwn(rule.params, key) ? rule.params[key] : undefined;
			if (!spec) {
				errors.push(`『${rule.title}』没有「${key}」这一设置`);
				continue;
			}
			const way = wayOf(rule, key);
			if (!way) {
				errors.push(`『${rule.title}』的${spec.title}${rule.level === 'national' ? '为全国统一规定' : '由学校统一设置'}，学院不能调整`);
				continue;
			}
			// The rule set's own bounds (type, integer, limit) first, in the engine's words.
			const inRange = resolveSettings(ruleSet, { [checkId]: { [key]: value } });
			if (!inRange.ok) {
				errors.push(...inRange.errors);
				continue;
			}
			const schoolValue = (school.rules[rule.id as CheckId].params as Record<string, ParamValue>)[key];
			const v = value as ParamValue;
			if (stricter(way, v, schoolValue) !== v) {
				const what = `『${rule.title}』的${spec.title}`;
				if (way === 'up') errors.push(`${what}不能低于学校规定的 ${amount(schoolValue, spec.unit)}：学院只能从严`);
				else if (way === 'down') errors.push(`${what}不能高于学校规定的 ${amount(schoolValue, spec.unit)}：学院只能从严`);
				else if (way === 'on') errors.push(`『${rule.title}』学校已启用，学院不能关闭`);
				else errors.push(`${what}：学校为"否"，学院不能改为"是"`);
				continue;
			}
			if (v !== schoolValue) (accepted[checkId] ??= {})[key] = v;
		}
	}
	return { errors, accepted };
}

/**
 * The school's settings with a college's overrides applied where stricter. Stored overrides are
 * re-checked here, against the school's settings of the moment: one the school has since overtaken
 * (or a rule set no longer has) gives way, so the result is never looser than the school's.
 */
export function withCollegeRules(ruleSet: RuleSet, school: EffectiveSettings, stored: unknown): EffectiveSettings {
	if (!isRecord(stored)) return school;
	const rules = ruleSet.rules as unknown as Record<string, LooseRule>;
	const applied = { ...school.rules } as Record<CheckId, AppliedRule>;
	let changed = false;
	for (const [checkId, values] of Object.entries(stored)) {
		const rule = Object.hasOwn(rules, checkId) ? rules[checkId] : undefined;
		if (!rule || !isRecord(values)) continue;
		const base = applied[rule.id];
		const params = { ...(base.params as Record<string, ParamValue>) };
		let tightened = false;
		for (const [key, value] of Object.entries(values)) {
			const way = wayOf(rule, key);
			if (!way || !(key in params) || typeof value !== typeof params[key] || !resolveSettings(ruleSet, { [checkId]: { [key]: value } }).ok) continue;
			const next = stricter(way, params[key], value as ParamValue);
			if (next !== params[key]) [params[key], tightened] = [next, true];
		}
		if (!tightened) continue;
		applied[rule.id] = { ...base, params, setBy: 'college' } as AppliedRule;
		changed = true;
	}
	if (!changed) return school;
	// A check a college switched on joins its transitions, in the rule set's order.
	const order = Object.keys(rules) as CheckId[];
	const byTransition = Object.fromEntries(
		transitions.map((t) => [t, order.filter((id) => rules[id] && (ruleSet.rules[id].transitions as readonly Transition[]).includes(t) && (applied[id].params as { enabled?: boolean }).enabled !== false)])
	) as Record<Transition, CheckId[]>;
	return { ...school, rules: applied as EffectiveSettings['rules'], byTransition };
}

export interface CollegeParamView {
	checkId: CheckId;
	ruleTitle: string;
	key: string;
	title: string;
	unit: string;
	way: Way;
	/** The school's value in effect, which the college may only make stricter. */
	schoolValue: ParamValue;
	/** The college's stored value, or null where it follows the school. */
	collegeValue: ParamValue | null;
}

/** Every parameter a college may tighten, with the school's value and the college's own. */
export function collegeParamsView(ruleSet: RuleSet, school: EffectiveSettings, stored: unknown): CollegeParamView[] {
	const rules = ruleSet.rules as unknown as Record<string, LooseRule>;
	const own = isRecord(stored) ? stored : {};
	const out: CollegeParamView[] = [];
	for (const rule of Object.values(rules)) {
		for (const [key, spec] of Object.entries(rule.params)) {
			const way = wayOf(rule, key);
			if (!way) continue;
			const schoolValue = (school.rules[rule.id].params as Record<string, ParamValue>)[key];
			const mine = isRecord(own[rule.id]) ? (own[rule.id] as Record<string, unknown>)[key] : undefined;
			out.push({ checkId: rule.id, ruleTitle: rule.title, key, title: spec.title, unit: spec.unit, way, schoolValue, collegeValue: mine === undefined ? null : (mine as ParamValue) });
		}
	}
	return out;
}
