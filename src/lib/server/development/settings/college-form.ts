import { z } from 'zod';
import { formFields, sentText } from '$lib/validation/form';
import type { CollegeParamView } from '../engine/college-rules';

// The rule fields of /development/settings/college. Their names come from the rule set
// (c.<check>.<param>), so the schema is built from the parameters shown; the engine stays pure and
// its validator judges the values (its messages name the rule and the school's value).

/** Form fields c.<check>.<param> → a college's overrides: empty follows the school; the validator judges the rest. */
export function collegeOverridesFromForm(params: readonly CollegeParamView[], form: FormData): Record<string, Record<string, unknown>> {
	const name = (p: CollegeParamView) => `c.${p.checkId}.${p.key}`;
	const fields = z.object(Object.fromEntries(params.map((p) => [name(p), sentText({ trim: true })]))).parse(formFields(form)) as Record<string, string>;
	const out: Record<string, Record<string, unknown>> = {};
	for (const p of params) {
		const raw = fields[name(p)];
		if (raw === '') continue;
		const value = p.way === 'on' || p.way === 'off' ? (raw === 'true' ? true : raw === 'false' ? false : raw) : Number(raw);
		(out[p.checkId] ??= {})[p.key] = value;
	}
	return out;
}
