import type { Kysely, Transaction } from 'kysely';
import type { Database, Role } from '../db/schema';
import type { AuthUser } from '../auth/session';
import { canAssignRole, canGrantRole } from '../auth/authz';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';

export function rolesOf(db: Kysely<Database> | Transaction<Database>, personId: number) {
	return db
		.selectFrom('roleAssignment as r')
		.innerJoin('orgUnit as o', 'o.id', 'r.orgUnitId')
		.select(['r.id', 'r.role', 'r.orgUnitId', 'o.name as orgName', 'o.path as orgPath', 'o.kind as orgKind'])
		.where('r.personId', '=', personId)
		.orderBy('r.id')
		.execute();
}

/** Which unit kinds a role's scope may be: a secretary runs a branch, and so on. */
export const roleScopeKinds: Record<Role, readonly string[]> = {
	school_admin: ['committee'],
	organizer: ['committee', 'general_branch'],
	secretary: ['branch'],
	instructor: ['committee', 'general_branch', 'branch', 'unit'],
	league: ['committee', 'general_branch']
};

export type RoleChange = { ok: true; changed: boolean } | { ok: false; status: 400 | 403; message: string };

/**
 * Hands `role` at a unit to a person as `actor` may (auth/authz.ts canAssignRole): never to
 * themselves, never beyond the actor's own powers there. Idempotent; one transaction with its audit entry.
 */
export function grantRole(db: Kysely<Database>, actor: AuthUser, personId: number, role: Role, orgUnitId: number): Promise<RoleChange> {
	// transact: also one step of the role form's idempotent post (roles-form.ts).
	return transact(db, async (trx): Promise<RoleChange> => {
		const unit = await trx.selectFrom('orgUnit').select(['id', 'path', 'kind']).where('id', '=', orgUnitId).executeTakeFirst();
		if (!unit) return { ok: false, status: 400, message: '请选择职务和所在组织' };
		if (personId === actor.id) return { ok: false, status: 403, message: '不能为自己分配职务，请由上级组织办理' };
		if (!canAssignRole(actor, personId, role, unit.path)) return { ok: false, status: 403, message: '您无权在该组织分配此职务' };
		if (!roleScopeKinds[role].includes(unit.kind)) {
			return { ok: false, status: 400, message: '该职务不能设在所选类型的组织上（例如支部书记只能设在党支部）' };
		}
		return { ok: true, changed: await assignRole(trx, actor.id, personId, role, unit.id) };
	});
}

/** Takes back one of the person's roles, if `actor` could have granted it (canGrantRole). */
export function withdrawRole(db: Kysely<Database>, actor: AuthUser, personId: number, assignmentId: number): Promise<RoleChange> {
	return db.transaction().execute(async (trx): Promise<RoleChange> => {
		const assignment = (await rolesOf(trx, personId)).find((r) => r.id === assignmentId);
		if (!assignment) return { ok: false, status: 400, message: '该职务已不存在' };
		if (!canGrantRole(actor, assignment.role, assignment.orgPath)) return { ok: false, status: 403, message: '您无权撤销此职务' };
		return { ok: true, changed: await revokeRole(trx, actor.id, assignmentId) };
	});
}

/** Idempotent: assigning a role the person already holds changes nothing. */
async function assignRole(trx: Transaction<Database>, actorId: number, personId: number, role: Role, orgUnitId: number) {
	const inserted = await trx
		.insertInto('roleAssignment')
		.values({ personId, role, orgUnitId })
		.onConflict((oc) => oc.columns(['personId', 'role', 'orgUnitId']).doNothing())
		.returning('id')
		.executeTakeFirst();
	if (!inserted) return false;
	await appendAudit(trx, {
		actorId,
		action: 'role.assign',
		entityType: 'person',
		entityId: personId,
		after: { role, orgUnitId }
	});
	return true;
}

async function revokeRole(trx: Transaction<Database>, actorId: number, assignmentId: number) {
	const removed = await trx
		.deleteFrom('roleAssignment')
		.where('id', '=', assignmentId)
		.returning(['personId', 'role', 'orgUnitId'])
		.executeTakeFirst();
	if (!removed) return false;
	await appendAudit(trx, {
		actorId,
		action: 'role.revoke',
		entityType: 'person',
		entityId: removed.personId,
		before: { role: removed.role, orgUnitId: removed.orgUnitId }
	});
	return true;
}
