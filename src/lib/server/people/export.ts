import type { Db } from '../db';
import type { AuthUser } from '../auth/session';
import { peopleInScope, registryColumns, type PeopleFilter } from './repository';
import { idNumbersFor } from './identity';
import type { RosterExportRow } from './import/workbook';

export const EXPORT_LIMIT = 50_000;

/** Same filters as the list, without paging, in the roster's columns; 身份证号 as `user` may see it. */
export async function exportPeople(db: Db, user: AuthUser, query: PeopleFilter): Promise<RosterExportRow[]> {
	if (query.paths.length === 0) return [];
	const rows = await peopleInScope(db, query)
		.select(['p.id', 'o.path as orgPath', 'o.code as orgCode', ...registryColumns])
		.orderBy('o.path')
		.orderBy('p.username')
		.limit(EXPORT_LIMIT)
		.execute();
	const ids = new Map<number, { value: string }>();
	// In slices: one statement's parameters stay well below PostgreSQL's limit.
	for (let i = 0; i < rows.length; i += 5_000) {
		for (const [id, shown] of await idNumbersFor(db, user, rows.slice(i, i + 5_000))) ids.set(id, shown);
	}
	return rows.map(({ id, orgPath: _, ...r }) => ({ ...r, idNumber: ids.get(id)?.value ?? null }));
}
