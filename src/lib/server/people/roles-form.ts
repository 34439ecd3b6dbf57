import { error, fail } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AuthUser } from '../auth/session';
import { once } from '../http/idempotency';
import { roles } from '$lib/domain';
import { id } from '$lib/validation/fields';
import { parseForm } from '$lib/validation/form';
import { z } from 'zod';
import { grantRole } from './roles';

/**
 * 分配职务 once per rendered form: assigning is idempotent already, but the second copy of a
 * double click answered 「该人员已担任此职务」 as if someone else had been first.
 */
export function grantRoleOnce(db: Kysely<Database>, actor: AuthUser, personId: number, form: FormData) {
	return once(db, form, { personId: actor.id, action: 'role.assign' }, async (trx) => {
		// An organisation id PostgreSQL's integer cannot hold is refused here, not by the database.
		const parsed = await parseForm(form, z.object({ role: z.enum(roles), orgUnitId: id('组织') }));
		if (!parsed.ok) return fail(400, { action: 'assign', message: '请选择职务和所在组织' });
		const { role, orgUnitId } = parsed.data;
		const r = await grantRole(trx, actor, personId, role, orgUnitId);
		if (!r.ok && r.status === 403) error(403, r.message);
		if (!r.ok) return fail(400, { action: 'assign', message: r.message });
		return { action: 'assign', ok: r.changed ? '职务已分配' : '该人员已担任此职务' };
	});
}
