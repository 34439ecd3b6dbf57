import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { addDays, type CalendarDate } from '../engine/dates';

// The registry keeps no table of unit membership over time. Its history is the audit trail: the
// people pages and the roster import audit every change of a person's unit, 政治面貌 or active
// state with the value before it (people/repository.ts), so that trail says how a person stood on
// a past day. Changes made by hand in the database, outside those paths, are not seen.

type Db = Kysely<Database> | Transaction<Database>;

export type RegistryState = Partial<{ orgUnitId: number; politicalStatus: string; isActive: boolean }>;

/**
 * Per person changed since: their unit, 政治面貌 and active state at the end of `day` (Asia/Shanghai),
 * read from the audit trail of the registry — the value before the first audited change after it.
 * Nobody changed since: not in the map (the person's row stands).
 */
export async function registryAsOf(db: Db, day: CalendarDate): Promise<Map<number, RegistryState>> {
	const after = new Date(`${addDays(day, 1)}T00:00:00+08:00`);
	const states = new Map<number, RegistryState>();
	// Nothing can have been audited after a moment still to come (the roll shown for today).
	if (after.getTime() > Date.now()) return states;
	const rows = await db
		.selectFrom('auditLog')
		.select(['entityId', 'before'])
		.where('entityType', '=', 'person')
		.where('action', 'in', ['person.update', 'person.activate', 'person.deactivate'])
		.where('at', '>=', after)
		.where(sql<boolean>`(before ? 'orgUnitId' or before ? 'politicalStatus' or before ? 'isActive')`)
		.orderBy('id')
		.execute();
	for (const r of rows) {
		const id = Number(r.entityId);
		const before = (r.before ?? {}) as Record<string, unknown>;
		if (!Number.isInteger(id)) continue;
		const state = states.get(id) ?? {};
		if (state.orgUnitId === undefined && typeof before.orgUnitId === 'number') state.orgUnitId = before.orgUnitId;
		if (state.politicalStatus === undefined && typeof before.politicalStatus === 'string') state.politicalStatus = before.politicalStatus;
		if (state.isActive === undefined && typeof before.isActive === 'boolean') state.isActive = before.isActive;
		states.set(id, state);
	}
	return states;
}
