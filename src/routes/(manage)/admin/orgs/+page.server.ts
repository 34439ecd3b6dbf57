import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireScope, requireUser } from '$lib/server/auth/guard';
import { can } from '$lib/server/auth/authz';
import { allowedChildKinds, depthOf, getOrgUnit, listOrgUnits } from '$lib/server/org/units';
import { createOrgUnit, orgUnitInput, updateOrgUnit } from '$lib/server/org/service';
import { fieldErrors } from '$lib/people/schema';
import { once } from '$lib/server/http/idempotency';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { user, paths } = requireScope('org.view');
	const q = url.searchParams.get('q')?.trim() ?? '';
	const units = await listOrgUnits(locals.db, paths);
	const minDepth = Math.min(...units.map((u) => depthOf(u.path)));
	return {
		q,
		units: units
			.filter((u) => !q || u.name.includes(q) || u.code.toLowerCase().includes(q.toLowerCase()))
			.map((u) => ({
				...u,
				depth: depthOf(u.path) - minDepth,
				people: Number(u.people),
				// Editing a unit is a decision of the level above it.
				canEdit: u.parentId !== null && can(user, 'org.manage', { orgPath: u.path.replace(/\d+\/$/, '') }),
				childKinds: can(user, 'org.manage', { orgPath: u.path }) ? allowedChildKinds[u.kind] : []
			}))
	};
};

export const actions = {
	create: async ({ locals, request }) => {
		const user = requireUser();
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'org.create' }, async (trx) => {
			const values = Object.fromEntries(form);
			const parent = await getOrgUnit(trx, Number(values.parentId));
			if (!parent) return fail(400, { action: 'create', message: '上级组织不存在' });
			if (!can(user, 'org.manage', { orgPath: parent.path })) error(403, '您无权在该组织下新建下级组织');
			const parsed = orgUnitInput.safeParse(values);
			if (!parsed.success) return fail(400, { action: 'create', parentId: parent.id, errors: fieldErrors(parsed.error) as Record<string, string> });
			if (!allowedChildKinds[parent.kind].includes(parsed.data.kind)) {
				return fail(400, { action: 'create', parentId: parent.id, errors: { kind: '该类型不能设在所选上级组织之下' } as Record<string, string> });
			}
			const result = await createOrgUnit(trx, user.id, parent.id, parsed.data);
			if (!result.ok) return fail(400, { action: 'create', parentId: parent.id, errors: result.errors as Record<string, string> });
			return { action: 'create', ok: `已新建“${parsed.data.name}”` };
		});
	},
	update: async ({ locals, request }) => {
		const user = requireUser();
		const form = Object.fromEntries(await request.formData());
		const unit = await getOrgUnit(locals.db, Number(form.id));
		if (!unit || unit.parentId === null) return fail(400, { action: 'update', message: '该组织不存在或不可修改' });
		const parent = await getOrgUnit(locals.db, unit.parentId);
		if (!parent || !can(user, 'org.manage', { orgPath: parent.path })) error(403, '您无权修改该组织');
		const parsed = orgUnitInput.safeParse({ ...form, kind: unit.kind });
		if (!parsed.success) return fail(400, { action: 'update', id: unit.id, errors: fieldErrors(parsed.error) as Record<string, string> });
		const { kind: _, ...input } = parsed.data;
		const result = await updateOrgUnit(locals.db, user.id, unit.id, input);
		if (!result.ok) return fail(400, { action: 'update', id: unit.id, errors: result.errors as Record<string, string> });
		return { action: 'update', ok: `已保存“${input.name}”` };
	}
} satisfies Actions;
