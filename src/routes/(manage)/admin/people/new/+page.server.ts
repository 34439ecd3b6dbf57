import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { can, canSomewhere } from '$lib/server/auth/authz';
import { setIdNumber } from '$lib/server/people/identity';
import { idNumberFromForm } from '$lib/server/people/identity-form';
import { getOrgUnit, listOrgUnits } from '$lib/server/org/units';
import { createPerson } from '$lib/server/people/repository';
import { fieldErrors, personInput } from '$lib/people/schema';
import { once } from '$lib/server/http/idempotency';
import { transact } from '$lib/server/db/transact';

export const load: PageServerLoad = async ({ locals }) => {
	const { user, paths } = requireScope('person.manage');
	const units = await listOrgUnits(locals.db, paths);
	return {
		units: units.filter((u) => u.kind === 'branch' || u.kind === 'unit').map((u) => ({ id: u.id, name: u.name })),
		canEditIdNumber: canSomewhere(user, 'person.sensitive.view')
	};
};

export const actions = {
	default: async ({ locals, request }) => {
		const { user } = requireScope('person.manage');
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'person.create' }, async (trx) => {
			const values = Object.fromEntries([...form].map(([k, v]) => [k, String(v)]));
			const parsed = personInput.safeParse(values);
			if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) as Record<string, string> });
			const unit = await getOrgUnit(trx, parsed.data.orgUnitId);
			if (!unit || !can(user, 'person.manage', { orgPath: unit.path }) || (unit.kind !== 'branch' && unit.kind !== 'unit')) {
				return fail(400, { values, errors: { orgUnitId: '请选择您管理范围内的党支部或部门' } as Record<string, string> });
			}
			const taken = await trx.selectFrom('person').select('id').where('username', '=', parsed.data.username).executeTakeFirst();
			if (taken) return fail(400, { values, errors: { username: '该学号/工号已存在' } as Record<string, string> });
			const idNumber = idNumberFromForm(values.idNumber ? values : {}, user, unit.path, parsed.data.birthDate);
			if (!idNumber.ok) return fail(400, { values, errors: { idNumber: idNumber.message } as Record<string, string> });
			// No password yet: an admin sets a temporary one with 重置密码 on the next page.
			const id = await transact(trx, (trx) => createPerson(trx, user.id, parsed.data));
			if (idNumber.value) {
				const r = await setIdNumber(trx, user, { id, orgPath: unit.path }, idNumber.value);
				// A refusal rolls the new person back with it (once() treats fail() so).
				if (!r.ok) return fail(400, { values, errors: { idNumber: r.message } as Record<string, string> });
			}
			redirect(303, `/admin/people/${id}`);
		});
	}
} satisfies Actions;
