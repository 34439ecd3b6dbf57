import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parseForm } from '$lib/validation/form';
import { collegeSettingsForm } from '$lib/server/development/settings/forms';
import type { Kysely } from 'kysely';
import type { Database } from '$lib/server/db/schema';
import type { AuthUser } from '$lib/server/auth/session';
import { requireUser } from '$lib/server/auth/guard';
import { scopePaths } from '$lib/server/auth/authz';
import { inScope } from '$lib/server/auth/scope';
import { collegeVersionsAt, rulesInEffect } from '$lib/server/development/settings/rules-in-effect';
import { collegeParamsView } from '$lib/server/development/engine/college-rules';
import { collegeOverridesFromForm } from '$lib/server/development/settings/college-form';
import { saveCollegeSettings } from '$lib/server/development/settings/college';
import { getRuleSet } from '$lib/server/development/engine/rule-sets';
import { todayInShanghai } from '$lib/server/development/engine/dates';

// A college committee's (二级党委) own stricter rules: the units the user may set them for, each
// adjustable parameter with the school's value beside the college's.

/** The college committees (a 党委 below the school's) in the user's `development.college_settings` scope. */
async function collegesOf(db: Kysely<Database>, user: AuthUser) {
	const paths = scopePaths(user, 'development.college_settings');
	if (paths.length === 0) error(403, '只有学院党委的组织员或组织部（党校）管理员可以设置学院的发展党员规则');
	const units = await db.selectFrom('orgUnit').select(['id', 'name', 'path']).where('kind', '=', 'committee').where(inScope('path', paths)).orderBy('path').execute();
	return units.filter((u) => u.path.split('/').filter(Boolean).length >= 2);
}

async function view(db: Kysely<Database>, unitId: number, now: Date) {
	const [rules, versions] = await Promise.all([rulesInEffect(db, now), collegeVersionsAt(db, now)]);
	const ruleSet = getRuleSet(rules.settings.ruleSetId)!;
	const own = versions.find((v) => v.orgUnitId === unitId);
	return { params: collegeParamsView(ruleSet, rules.settings, own?.overrides ?? {}), version: own ? { id: own.id, effectiveFrom: own.effectiveFrom.toISOString() } : null, ruleSetTitle: ruleSet.title };
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser();
	const colleges = await collegesOf(locals.db, user);
	const chosen = colleges.find((c) => String(c.id) === url.searchParams.get('unit')) ?? colleges[0];
	const now = new Date();
	return {
		today: todayInShanghai(now),
		colleges: colleges.map((c) => ({ id: c.id, name: c.name })),
		chosen: chosen ? { id: chosen.id, name: chosen.name } : null,
		...(chosen ? await view(locals.db, chosen.id, now) : { params: [], version: null, ruleSetTitle: '' })
	};
};

export const actions = {
	default: async ({ locals, request }) => {
		const user = requireUser();
		const parsed = await parseForm(request, collegeSettingsForm);
		if (!parsed.ok) return fail(400, { errors: [parsed.message] });
		const { data: fields, form } = parsed;
		const unitId = Number(fields.unit);
		const colleges = await collegesOf(locals.db, user);
		if (!colleges.some((c) => c.id === unitId)) return fail(400, { errors: ['请选择学院党委'] });
		const { params } = await view(locals.db, unitId, new Date());
		const r = await saveCollegeSettings(locals.db, user, unitId, {
			overrides: collegeOverridesFromForm(params, form),
			effectiveFrom: fields.effectiveFrom,
			note: fields.note
		});
		if (!r.ok) return fail(r.status, { errors: r.errors });
		return { ok: r.message };
	}
} satisfies Actions;
