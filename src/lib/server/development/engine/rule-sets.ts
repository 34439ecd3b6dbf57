import type { RuleSet } from './rule-types';
import { cpc2014 } from './rule-sets/cpc-2014';
import { cpc2026 } from './rule-sets/cpc-2026';

/** Versioned national rule sets; a school picks one and may only tighten it (see resolve-settings.ts). */
export const ruleSets: Readonly<Record<string, RuleSet>> = {
	[cpc2014.id]: cpc2014,
	[cpc2026.id]: cpc2026
};

export const defaultRuleSetId = cpc2014.id;

// A version saved while the 2026 set was a draft names it by its old id; it reads as the set it became.
const formerIds: Readonly<Record<string, string>> = { 'cpc-2026-draft': cpc2026.id };

export function getRuleSet(id: string): RuleSet | undefined {
	if (Object.hasOwn(formerIds, id)) return ruleSets[formerIds[id]];
	return Object.hasOwn(ruleSets, id) ? ruleSets[id] : undefined;
}

export { cpc2014, cpc2026 };
export { resolveSettings, type SchoolOverrides, type ResolvedSettings } from './resolve-settings';
