import type { AppliedRule, CheckId, EffectiveSettings, ParamValue, RuleSet, RuleTable } from './rule-types';
import { transitions, type Transition } from './types';

/** The school's stored choices: check id → parameter → value. Loose on purpose: it is JSON from the database. */
export type SchoolOverrides = Record<string, Record<string, unknown> | undefined>;

export type ResolvedSettings = { ok: true; settings: EffectiveSettings } | { ok: false; errors: string[] };

// The mapped rule types are precise per check; validation walks them generically through this view.
interface LooseSpec {
	title: string;
	unit: string;
	default: ParamValue;
	school: { mode: string; direction?: 'min_only_up' | 'max_only_down'; limit?: number; min?: number; max?: number; options?: readonly ParamValue[] };
	setBy?: 'school';
}
type LooseRule = RuleTable[CheckId] & { params: Record<string, LooseSpec> };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const amount = (value: number, unit: string) => (unit ? `${value} ${unit}` : String(value));

/** Returns a Chinese message when `value` is not allowed for this parameter, otherwise null. */
function refuse(rule: LooseRule, spec: LooseSpec, value: unknown): string | null {
	const what = `『${rule.title}』的${spec.title}`;
	const floorOf = rule.level === 'national' && spec.setBy !== 'school' ? '全国规定' : '规则集规定';
	const s = spec.school;
	if (s.mode === 'toggle') return typeof value === 'boolean' ? null : `${what}应为"是"或"否"`;
	if (s.mode === 'choose') return s.options?.includes(value as ParamValue) ? null : `${what}只能选择：${s.options?.join('、')}`;
	if (s.mode === 'fixed') {
		if (value === spec.default) return null;
		if (typeof spec.default === 'boolean') return `『${rule.title}』为${floorOf}，学校不能${spec.default ? '关闭' : '开启'}`;
		return `${what}为${floorOf}（${typeof spec.default === 'number' ? amount(spec.default, spec.unit) : spec.default}），学校不能修改`;
	}
	if (typeof value !== 'number' || !Number.isFinite(value)) return `${what}应为数字`;
	if (spec.unit !== '' && !Number.isInteger(value)) return `${what}应为整数`;
	const base = spec.default as number;
	if (s.mode === 'set') {
		const min = s.min ?? -Infinity;
		const max = s.max ?? Infinity;
		return value >= min && value <= max ? null : `${what}应在 ${min}–${amount(max, spec.unit)}之间`;
	}
	// tighten: a national floor/ceiling may only move in the stricter direction.
	const limit = s.limit ?? base;
	if (s.direction === 'min_only_up') {
		if (value < base && spec.setBy === 'school') return `${what}为学校规定，只能从严：不能低于 ${amount(base, spec.unit)}`;
		if (value < base) return `${what}不能低于${floorOf}的 ${amount(base, spec.unit)}`;
		if (value > limit) return `${what}不能超过 ${amount(limit, spec.unit)}`;
	} else {
		if (value > base) return `${what}不能高于${floorOf}的 ${amount(base, spec.unit)}`;
		if (value < limit) return `${what}不能低于 ${amount(limit, spec.unit)}`;
	}
	return null;
}

/** Each refused override with its message, and the overrides that passed (per check, per parameter). */
function validate(ruleSet: RuleSet, overrides: unknown): { errors: string[]; accepted: SchoolOverrides } {
	// Stored JSON may hold anything: a non-object walks as "no entries" and would pass unseen.
	if (!isRecord(overrides)) return { errors: ['规则设置格式有误：应为按检查项列出的参数及其取值'], accepted: {} };
	const errors: string[] = [];
	const accepted: SchoolOverrides = {};
	const rules = ruleSet.rules as unknown as Record<string, LooseRule>;
	for (const [checkId, values] of Object.entries(overrides)) {
		const rule = Object.hasOwn(rules, checkId) ? rules[checkId] : undefined;
		if (!rule) {
			errors.push(`未知的检查项「${checkId}」`);
			continue;
		}
		if (values !== undefined && !isRecord(values)) {
			errors.push(`『${rule.title}』的设置格式有误：应为各项参数及其取值`);
			continue;
		}
		for (const [key, value] of Object.entries(values ?? {})) {
			const spec = Object.hasOwn(rule.params, key) ? rule.params[key] : undefined;
			const message = spec ? refuse(rule, spec, value) : `『${rule.title}』没有「${key}」这一设置`;
			if (message) errors.push(message);
			else (accepted[checkId] ??= {})[key] = value;
		}
	}
	return { errors, accepted };
}

/**
 * Validate a school's overrides against a rule set. Resolve once per school (or per request), not per
 * person: the result carries the per-transition check lists the evaluator loops over.
 */
export function resolveSettings(ruleSet: RuleSet, overrides: SchoolOverrides = {}): ResolvedSettings {
	const { errors, accepted } = validate(ruleSet, overrides);
	return errors.length ? { ok: false, errors } : { ok: true, settings: effective(ruleSet, accepted) };
}

/**
 * A stored version, validated when saved, may hold a value a rule set has since tightened under it.
 * Such a value gives way to the rule set's own (never looser) default, and the messages say which.
 */
export function resolveStoredSettings(ruleSet: RuleSet, overrides: unknown): { settings: EffectiveSettings; refused: string[] } {
	const { errors, accepted } = validate(ruleSet, overrides);
	return { settings: effective(ruleSet, accepted), refused: errors };
}

function effective(ruleSet: RuleSet, overrides: SchoolOverrides): EffectiveSettings {
	const rules = ruleSet.rules as unknown as Record<string, LooseRule>;
	const applied: Record<string, AppliedRule> = {};
	const byTransition = Object.fromEntries(transitions.map((t) => [t, [] as CheckId[]])) as Record<Transition, CheckId[]>;
	for (const rule of Object.values(rules)) {
		const params: Record<string, ParamValue> = {};
		for (const [key, spec] of Object.entries(rule.params)) params[key] = (overrides[rule.id]?.[key] as ParamValue | undefined) ?? spec.default;
		const { id, title, source, level, exemptable, earlySource } = rule;
		// Shape is preserved (defaults overlaid with values validated above), so the per-check param types still hold.
		applied[id] = { id, title, source, level, exemptable, params, ...(earlySource ? { earlySource } : {}) } as unknown as AppliedRule;
		if (params.enabled === false) continue;
		for (const t of rule.transitions) byTransition[t].push(id);
	}
	return { ruleSetId: ruleSet.id, rules: applied as EffectiveSettings['rules'], byTransition };
}
