import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parseForm } from '$lib/validation/form';
import { settingsForm } from '$lib/server/development/settings/forms';
import { requireUser } from '$lib/server/auth/guard';
import { canAdministerDevelopment } from '$lib/server/development/access';
import { rulesInEffect } from '$lib/server/development/settings/rules-in-effect';
import { switchImpact } from '$lib/server/development/settings/rule-set-switch';
import { getRuleSet, ruleSets } from '$lib/server/development/engine/rule-sets';
import { resolveSettings, resolveStoredSettings } from '$lib/server/development/engine/resolve-settings';
import { overridesFromForm, rulesView, settingsHistory } from '$lib/server/development/settings/view';
import { saveSettings } from '$lib/server/development/settings/save';
import { todayInShanghai } from '$lib/server/development/engine/dates';

function admin() {
	const user = requireUser();
	if (!canAdministerDevelopment(user)) error(403, '只有组织部（党校）管理员可以修改发展党员规则设置');
	return user;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	admin();
	const now = new Date();
	const [rules, history] = await Promise.all([rulesInEffect(locals.db, now), settingsHistory(locals.db)]);
	const current = rules.version;
	// settings.ruleSetId is the set a stored id stands for (a former id reads as the set it became).
	const currentSetId = rules.settings.ruleSetId;
	const chosen = getRuleSet(url.searchParams.get('ruleSet') ?? '') ?? getRuleSet(currentSetId)!;
	const switching = chosen.id !== currentSetId;
	// Before a switch is confirmed: whom the chosen set, with its own defaults as the form shows them, would affect.
	const defaults = resolveSettings(chosen, {});
	return {
		today: todayInShanghai(now),
		current: { id: current.id, ruleSetId: currentSetId, effectiveFrom: current.effectiveFrom.toISOString() },
		ruleSets: Object.values(ruleSets).map((r) => ({ id: r.id, title: r.title, status: r.status })),
		chosen: { id: chosen.id, title: chosen.title, status: chosen.status, adminNote: chosen.adminNote ?? null },
		switching,
		impact: switching && defaults.ok ? await switchImpact(locals.db, rules, defaults.settings) : null,
		rules: rulesView(chosen, switching ? {} : current.overrides),
		// A stored value a rule set has since tightened under: it no longer applies, and saving it again is refused.
		refusedOverrides: switching ? [] : resolveStoredSettings(chosen, current.overrides).refused,
		history: history.map((h) => ({ ...h, effectiveFrom: h.effectiveFrom.toISOString(), createdAt: h.createdAt.toISOString(), upcoming: h.effectiveFrom > now }))
	};
};

export const actions = {
	default: async ({ locals, request }) => {
		const user = admin();
		const parsed = await parseForm(request, settingsForm);
		if (!parsed.ok) return fail(400, { errors: [parsed.message] });
		const { data: fields, form } = parsed;
		const ruleSet = getRuleSet(fields.ruleSetId);
		if (!ruleSet) return fail(400, { errors: ['请选择规则集'] });
		const r = await saveSettings(locals.db, user, {
			ruleSetId: ruleSet.id,
			overrides: overridesFromForm(ruleSet, form),
			effectiveFrom: fields.effectiveFrom,
			note: fields.note,
			confirmSwitch: fields.confirmSwitch
		});
		if (!r.ok) return fail(r.status, { errors: r.errors, impact: r.impact ?? null });
		return { ok: r.message, impact: r.impact ?? null };
	}
} satisfies Actions;
