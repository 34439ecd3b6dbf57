import type { RuleSet } from './rule-types';
import { cpc2014 } from './rule-sets/cpc-2014';
import { cpc2026Draft } from './rule-sets/cpc-2026-draft';

/** Versioned national rule sets; a school picks one and may only tighten it (see settings.ts). */
export const ruleSets: Readonly<Record<string, RuleSet>> = {
	[cpc2014.id]: cpc2014,
	[cpc2026Draft.id]: cpc2026Draft
};

export const defaultRuleSetId = cpc2014.id;

export function getRuleSet(id: string): RuleSet | undefined {
	return Object.hasOwn(ruleSets, id) ? ruleSets[id] : undefined;
}

export { cpc2014, cpc2026Draft };
export { resolveSettings, type SchoolOverrides, type ResolvedSettings } from './settings';
