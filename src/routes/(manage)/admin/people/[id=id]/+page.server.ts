import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorize, requireUser } from '$lib/server/auth/guard';
import { can, canAssignRole, canGrantRole, scopePaths } from '$lib/server/auth/authz';
import { getPerson, setPersonActive, updatePerson } from '$lib/server/people/repository';
import { roleScopeKinds, rolesOf, withdrawRole } from '$lib/server/people/roles';
import { grantRoleOnce } from '$lib/server/people/roles-form';
import { getOrgUnit, listOrgUnits } from '$lib/server/org/units';
import { resetPassword, temporaryPassword } from '$lib/server/auth/account';
import { auditFor, describeAudit } from '$lib/server/audit/queries';
import { fieldErrors, personInput } from '$lib/people/schema';
import { roles } from '$lib/domain';
import type { Db } from '$lib/server/db';
import { parseForm } from '$lib/validation/form';
import { id } from '$lib/validation/fields';
import { z } from 'zod';
import { transact } from '$lib/server/db/transact';
import { idNumberFor, setIdNumber } from '$lib/server/people/identity';
import { idNumberFromForm } from '$lib/server/people/identity-form';
import { listDiscipline } from '$lib/server/people/discipline';
import { recordDisciplineOnce, voidDisciplineForm } from '$lib/server/people/discipline-form';
import { todayInShanghai } from '$lib/server/development/engine/dates';

class IdNumberRefused extends Error {}

async function loadPerson(db: Db, id: number) {
	const person = await getPerson(db, id);
	if (!person) error(404, '未找到该人员');
	return person;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const person = await loadPerson(locals.db, Number(params.id));
	const user = authorize('person.view', { orgPath: person.orgPath, personId: person.id });
	const canManage = can(user, 'person.manage', { orgPath: person.orgPath });
	const managePaths = scopePaths(user, 'person.manage');
	const rolePaths = scopePaths(user, 'role.manage');
	const canRecordDiscipline = can(user, 'discipline.record', { orgPath: person.orgPath });
	const [units, roleUnits, personRoles, audit, idNumber, discipline] = await Promise.all([
		canManage ? listOrgUnits(locals.db, managePaths) : [],
		rolePaths.length ? listOrgUnits(locals.db, rolePaths) : [],
		rolesOf(locals.db, person.id),
		canManage ? auditFor(locals.db, 'person', person.id, 20).then((rows) => describeAudit(locals.db, rows)) : [],
		idNumberFor(locals.db, user, person),
		canRecordDiscipline ? listDiscipline(locals.db, person.id) : []
	]);
	return {
		person,
		canManage,
		// Whole only with person.sensitive.view; the masked form otherwise (identity.ts).
		idNumber: idNumber?.value ?? null,
		canEditIdNumber: canManage && can(user, 'person.sensitive.view', { orgPath: person.orgPath }),
		canRecordDiscipline,
		discipline: discipline.map((d) => ({ ...d, recordedAt: d.recordedAt.toISOString(), voidedAt: d.voidedAt?.toISOString() ?? null })),
		today: todayInShanghai(),
		units: units.filter((u) => u.kind === 'branch' || u.kind === 'unit').map((u) => ({ id: u.id, name: u.name })),
		personRoles: personRoles.map((r) => ({ ...r, canRevoke: canGrantRole(user, r.role, r.orgPath) })),
		assignable: roles
			.map((role) => ({
				role,
				units: roleUnits.filter((u) => roleScopeKinds[role].includes(u.kind) && canAssignRole(user, person.id, role, u.path)).map((u) => ({ id: u.id, name: u.name }))
			}))
			.filter((r) => r.units.length > 0),
		audit
	};
};

export const actions = {
	update: async ({ locals, params, request }) => {
		const person = await loadPerson(locals.db, Number(params.id));
		const user = authorize('person.manage', { orgPath: person.orgPath });
		const values = Object.fromEntries(await request.formData());
		const parsed = personInput.safeParse(values);
		if (!parsed.success) return fail(400, { action: 'update', errors: fieldErrors(parsed.error), message: '请修正标出的字段' });
		const idNumber = idNumberFromForm(values, user, person.orgPath, parsed.data.birthDate);
		if (!idNumber.ok && idNumber.forbidden) error(403, idNumber.message);
		if (!idNumber.ok) return fail(400, { action: 'update', errors: { idNumber: idNumber.message }, message: '请修正标出的字段' });
		const target = await getOrgUnit(locals.db, parsed.data.orgUnitId);
		if (!target || !can(user, 'person.manage', { orgPath: target.path })) {
			return fail(400, { action: 'update', errors: { orgUnitId: '所选组织不在您的管理范围内' }, message: '请修正标出的字段' });
		}
		if (target.kind !== 'branch' && target.kind !== 'unit') {
			return fail(400, { action: 'update', errors: { orgUnitId: '人员只能归属到党支部或部门' }, message: '请修正标出的字段' });
		}
		try {
			const saved = await transact(locals.db, async (trx) => {
				const changed = await updatePerson(trx, user.id, person.id, parsed.data);
				if (idNumber.value === undefined) return { changed };
				const id = await setIdNumber(trx, user, person, idNumber.value);
				// A refusal must leave the other fields unsaved too: one form, one transaction.
				if (!id.ok) throw new IdNumberRefused(id.message);
				return { changed: changed || id.changed };
			});
			return { action: 'update', ok: saved.changed ? '已保存' : '没有需要保存的修改' };
		} catch (e) {
			if (e instanceof IdNumberRefused) return fail(400, { action: 'update', errors: { idNumber: e.message }, message: '请修正标出的字段' });
			if (String((e as Error).message).includes('person_username_key')) {
				return fail(400, { action: 'update', errors: { username: '该学号/工号已被其他人使用' }, message: '请修正标出的字段' });
			}
			throw e;
		}
	},
	reset: async ({ locals, params }) => {
		const person = await loadPerson(locals.db, Number(params.id));
		const user = authorize('person.manage', { orgPath: person.orgPath });
		const password = temporaryPassword();
		await resetPassword(locals.db, user.id, person.id, password);
		return { action: 'reset', temporaryPassword: password };
	},
	active: async ({ locals, params, request }) => {
		const person = await loadPerson(locals.db, Number(params.id));
		const user = authorize('person.manage', { orgPath: person.orgPath });
		if (person.id === user.id) return fail(400, { action: 'active', message: '不能停用自己的账号' });
		// '1' enables, '0' disables (the button sends the opposite of the account's state).
		const parsed = await parseForm(request, z.object({ active: z.enum(['0', '1'], { error: '请选择启用或停用账号' }) }));
		if (!parsed.ok) return fail(400, { action: 'active', message: parsed.message });
		const active = parsed.data.active === '1';
		await setPersonActive(locals.db, user.id, person.id, active);
		return { action: 'active', ok: active ? '账号已启用' : '账号已停用，其登录会话已结束' };
	},
	assign: async ({ locals, params, request }) => {
		const person = await loadPerson(locals.db, Number(params.id));
		const user = requireUser();
		return grantRoleOnce(locals.db, user, person.id, await request.formData());
	},
	revoke: async ({ locals, params, request }) => {
		const person = await loadPerson(locals.db, Number(params.id));
		const user = requireUser();
		const parsed = await parseForm(request, z.object({ assignmentId: id('职务') }));
		if (!parsed.ok) return fail(400, { action: 'revoke', message: parsed.message });
		const r = await withdrawRole(locals.db, user, person.id, parsed.data.assignmentId);
		if (!r.ok && r.status === 403) error(403, r.message);
		if (!r.ok) return fail(400, { action: 'revoke', message: r.message });
		return { action: 'revoke', ok: '职务已撤销' };
	},
	discipline: async ({ locals, params, request }) => {
		const person = await loadPerson(locals.db, Number(params.id));
		const user = authorize('discipline.record', { orgPath: person.orgPath });
		return recordDisciplineOnce(locals.db, user, person, await request.formData());
	},
	voidDiscipline: async ({ locals, params, request }) => {
		const person = await loadPerson(locals.db, Number(params.id));
		const user = authorize('discipline.record', { orgPath: person.orgPath });
		return voidDisciplineForm(locals.db, user, person, await request.formData());
	}
} satisfies Actions;
