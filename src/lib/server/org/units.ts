import type { Kysely, Transaction } from 'kysely';
import type { Database, OrgKind } from '../db/schema';
import { inScope } from '../auth/scope';

/** Which kinds may sit directly under which: committee → committee/general branch → branch. */
export const allowedChildKinds: Record<OrgKind, readonly OrgKind[]> = {
	committee: ['committee', 'general_branch', 'branch', 'unit'],
	general_branch: ['branch', 'unit'],
	branch: [],
	unit: []
};

export interface NewOrgUnit {
	parentId: number | null;
	kind: OrgKind;
	name: string;
	code: string;
	hasBranchCommittee?: boolean;
	sortOrder?: number;
}

export async function insertOrgUnit(trx: Transaction<Database> | Kysely<Database>, unit: NewOrgUnit) {
	const parent = unit.parentId
		? await trx.selectFrom('orgUnit').select('path').where('id', '=', unit.parentId).executeTakeFirstOrThrow()
		: { path: '/' };
	const { id } = await trx.insertInto('orgUnit').values(unit).returning('id').executeTakeFirstOrThrow();
	const path = `${parent.path}${id}/`;
	await trx.updateTable('orgUnit').set({ path }).where('id', '=', id).execute();
	return { id, path };
}

export function getOrgUnit(db: Kysely<Database>, id: number) {
	return db.selectFrom('orgUnit').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every unit in the given subtrees, in tree order. */
export function listOrgUnits(db: Kysely<Database>, paths: string[]) {
	if (paths.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('orgUnit as o')
		.select((eb) => [
			'o.id',
			'o.parentId',
			'o.kind',
			'o.name',
			'o.code',
			'o.path',
			'o.hasBranchCommittee',
			'o.archivedAt',
			eb
				.selectFrom('person as p')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('p.orgUnitId', '=', 'o.id')
				.as('people')
		])
		.where(inScope('o.path', paths))
		.orderBy('o.path')
		.execute();
}

/** The college a unit belongs to: the unit directly below the school committee on its path. */
export function collegeIdOf(path: string): number | null {
	const ids = path.split('/').filter(Boolean).map(Number);
	return ids.length >= 2 ? ids[1] : null;
}

export function depthOf(path: string) {
	return path.split('/').filter(Boolean).length - 1;
}
