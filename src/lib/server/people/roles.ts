import type { Kysely, Transaction } from 'kysely';
import type { Database, Role } from '../db/schema';
import { appendAudit } from '../audit/log';

export function rolesOf(db: Kysely<Database>, personId: number) {
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

/** Idempotent: assigning a role the person already holds changes nothing. */
export async function assignRole(trx: Transaction<Database>, actorId: number, personId: number, role: Role, orgUnitId: number) {
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

export async function revokeRole(trx: Transaction<Database>, actorId: number, assignmentId: number) {
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
