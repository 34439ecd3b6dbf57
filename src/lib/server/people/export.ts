import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { peopleInScope, type PeopleFilter } from './repository';

export const EXPORT_LIMIT = 50_000;

/** Same filters as the list, without paging, in the roster's columns. */
export function exportPeople(
	db: Kysely<Database>,
	query: PeopleFilter
) {
	if (query.paths.length === 0) return Promise.resolve([]);
	return peopleInScope(db, query)
		.select([
			'p.username',
			'p.name',
			'p.gender',
			'p.birthDate',
			'o.code as orgCode',
			'p.grade',
			'p.classGroup',
			'p.politicalStatus',
			'p.phone',
			'p.graduationDate'
		])
		.orderBy('o.path')
		.orderBy('p.username')
		.limit(EXPORT_LIMIT)
		.execute();
}
