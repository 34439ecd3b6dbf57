import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { Db } from '$lib/server/db';

export interface LockedPerson {
	id: number;
	name: string;
	path: string;
	hasRecord: boolean;
	open: boolean;
}

/**
 * Locks the person's row for the rest of the transaction. Everything that changes a development
 * record takes this lock first, so a transition never decides on a record that changes under it.
 */
export async function lockPerson(trx: Transaction<Database>, personId: number): Promise<LockedPerson | undefined> {
	const r = await sql<{ id: number; name: string; path: string; stage: string | null; closedOn: string | null }>`
		select p.id, p.name, o.path, r.stage, r.closed_on
		from person p join org_unit o on o.id = p.org_unit_id left join development_record r on r.person_id = p.id
		where p.id = ${personId}
		for update of p`.execute(trx);
	const row = r.rows[0];
	return row && { id: row.id, name: row.name, path: row.path, hasRecord: row.stage !== null, open: row.stage !== null && row.closedOn === null };
}

/** The person as the record page heads it, with their unit and the branch path for authorisation. */
export function personHeader(db: Db, personId: number) {
	return db
		.selectFrom('person as p')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select(['p.id', 'p.username', 'p.name', 'p.gender', 'p.birthDate', 'p.graduationDate', 'p.politicalStatus', 'p.grade', 'p.classGroup', 'o.name as orgName', 'o.path as orgPath'])
		.where('p.id', '=', personId)
		.executeTakeFirst();
}

export async function attachmentExists(db: Db, id: string | null | undefined) {
	if (!id) return true;
	if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return false;
	return !!(await db.selectFrom('storedFile').select('id').where('id', '=', id).executeTakeFirst());
}
