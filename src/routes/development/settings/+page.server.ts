import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { canAdministerDevelopment } from '$lib/server/development/access';
import { settingsVersionAt } from '$lib/server/development/context';
import { getRuleSet, ruleSets } from '$lib/server/development/rule-sets';
import { resolveStoredSettings } from '$lib/server/development/settings';
import { overridesFromForm, rulesView, settingsHistory } from '$lib/server/development/settings-view';
import { saveSettings } from '$lib/server/development/settings-store';
import { todayInShanghai } from '$lib/server/development/dates';

function admin() {
	const user = requireUser();
	if (!canAdministerDevelopment(user)) error(403, '只有组织部（党校）管理员可以修改发展党员规则设置');
	return user;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	admin();
	const now = new Date();
	const [current, history] = await Promise.all([settingsVersionAt(locals.db, now), settingsHistory(locals.db)]);
	const chosen = getRuleSet(url.searchParams.get('ruleSet') ?? '') ?? getRuleSet(current.ruleSetId)!;
	return {
		today: todayInShanghai(now),
		current: { id: current.id, ruleSetId: current.ruleSetId, effectiveFrom: current.effectiveFrom.toISOString() },
		ruleSets: Object.values(ruleSets).map((r) => ({ id: r.id, title: r.title, status: r.status })),
		chosen: { id: chosen.id, title: chosen.title, status: chosen.status },
		rules: rulesView(chosen, chosen.id === current.ruleSetId ? current.overrides : {}),
		// A stored value a rule set has since tightened under: it no longer applies, and saving it again is refused.
		refusedOverrides: chosen.id === current.ruleSetId ? resolveStoredSettings(chosen, current.overrides).refused : [],
		history: history.map((h) => ({ ...h, effectiveFrom: h.effectiveFrom.toISOString(), createdAt: h.createdAt.toISOString(), upcoming: h.effectiveFrom > now }))
	};
};

export const actions = {
	default: async ({ locals, request }) => {
		const user = admin();
		const form = await request.formData();
		const ruleSet = getRuleSet(String(form.get('ruleSetId') ?? ''));
		if (!ruleSet) return fail(400, { errors: ['请选择规则集'] });
		const r = await saveSettings(locals.db, user, {
			ruleSetId: ruleSet.id,
			overrides: overridesFromForm(ruleSet, form),
			effectiveFrom: String(form.get('effectiveFrom') ?? ''),
			note: String(form.get('note') ?? '')
		});
		if (!r.ok) return fail(r.status, { errors: r.errors });
		return { ok: r.message };
	}
} satisfies Actions;
