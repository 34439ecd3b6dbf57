import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { RuleSet } from '../engine/rule-types';
import type { SchoolOverrides } from '../engine/resolve-settings';
import { z } from 'zod';
import { formFields } from '$lib/validation/form';

// The rule set as the settings page shows it: every check with its source, its level and what a
// school may do with each parameter, with the school's current value.

export interface ParamView {
	key: string;
	title: string;
	unit: string;
	default: number | boolean | string;
	value: number | boolean | string;
	mode: 'fixed' | 'tighten' | 'set' | 'toggle' | 'choose';
	/** Who sets this value: a school-set parameter of a national rule reads 学校规定, not 全国规定. */
	level: 'national' | 'school';
	hint: string;
	min?: number;
	max?: number;
	options?: (number | boolean | string)[];
}

export interface RuleView {
	id: string;
	title: string;
	source: string;
	level: 'national' | 'school';
	exemptable: boolean;
	params: ParamView[];
}

interface LooseSpec {
	title: string;
	unit: string;
	default: number | boolean | string;
	school: { mode: ParamView['mode']; direction?: 'min_only_up' | 'max_only_down'; limit?: number; min?: number; max?: number; options?: readonly (number | boolean | string)[] };
	setBy?: 'school';
}

const optionLabels: Record<string, string> = { decision: '支委会决定之日', filing: '上级党委备案之日' };

export function rulesView(ruleSet: RuleSet, overrides: SchoolOverrides): RuleView[] {
	return Object.values(ruleSet.rules).map((rule) => ({
		id: rule.id,
		title: rule.title,
		source: rule.source,
		level: rule.level,
		exemptable: rule.exemptable,
		params: Object.entries(rule.params as Record<string, LooseSpec>).map(([key, spec]) => {
			const s = spec.school;
			const value = (overrides[rule.id]?.[key] as ParamView['value'] | undefined) ?? spec.default;
			const level = rule.level === 'national' && spec.setBy !== 'school' ? 'national' : 'school';
			let hint = level === 'national' ? '全国统一规定，不能修改' : '规则集规定，不能修改';
			let min: number | undefined;
			let max: number | undefined;
			if (s.mode === 'tighten' && s.direction === 'min_only_up') {
				const prefix = level === 'school' ? '学校规定，只能从严' : '只能从严';
				[hint, min, max] = [`${prefix}：不低于 ${spec.default}${spec.unit}`, spec.default as number, s.limit];
			}
			if (s.mode === 'tighten' && s.direction === 'max_only_down') [hint, min, max] = [`只能从严：不高于 ${spec.default}${spec.unit}`, s.limit, spec.default as number];
			if (s.mode === 'set') [hint, min, max] = [`可在 ${s.min}–${s.max}${spec.unit} 之间设置`, s.min, s.max];
			if (s.mode === 'toggle') hint = '学校可开启或关闭';
			if (s.mode === 'choose') hint = `可选：${(s.options ?? []).map((o) => optionLabels[String(o)] ?? String(o)).join('、')}`;
			return { key, title: spec.title, unit: spec.unit, default: spec.default, value, mode: s.mode, level, hint, min, max, ...(s.options ? { options: [...s.options] } : {}) };
		})
	}));
}

/** Form fields p.<check>.<param> → overrides, typed by each parameter's kind; the engine validates the values. */
export function overridesFromForm(ruleSet: RuleSet, form: FormData): SchoolOverrides {
	// The names come from the rule set, so the schema does too: each field as sent (undefined when
	// the page sent none, so a choice keeps its default), a file or a repeat read as its first text.
	const rules = rulesView(ruleSet, {});
	const names = rules.flatMap((rule) => rule.params.filter((p) => p.mode !== 'fixed').map((p) => `p.${rule.id}.${p.key}`));
	const sent = z.unknown().optional().transform((v) => {
		const first = Array.isArray(v) ? v[0] : v;
		return first === undefined ? undefined : typeof first === 'string' ? first : '';
	});
	const fields = z.object(Object.fromEntries(names.map((n) => [n, sent]))).parse(formFields(form)) as Record<string, string | undefined>;
	const out: SchoolOverrides = {};
	for (const rule of rules) {
		for (const p of rule.params) {
			if (p.mode === 'fixed') continue;
			const name = `p.${rule.id}.${p.key}`;
			const raw = fields[name];
			let value: unknown;
			if (p.mode === 'toggle') value = raw === 'on';
			else if (p.mode === 'choose') value = raw === undefined ? p.default : raw;
			else value = raw === undefined || raw.trim() === '' ? p.default : Number(raw.trim());
			(out[rule.id] ??= {})[p.key] = value;
		}
	}
	return out;
}

export function settingsHistory(db: Kysely<Database>, limit = 20) {
	return db
		.selectFrom('developmentSettings as s')
		.leftJoin('person as p', 'p.id', 's.createdBy')
		.select(['s.id', 's.ruleSetId', 's.overrides', 's.effectiveFrom', 's.note', 's.createdAt', 'p.name as createdByName'])
		.orderBy('s.effectiveFrom', 'desc')
		.orderBy('s.id', 'desc')
		.limit(limit)
		.execute();
}
