import type { PageServerLoad } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { scopePaths } from '$lib/server/auth/authz';
import { listOrgUnits } from '$lib/server/org/units';
import { peopleFilters } from '$lib/server/people/filters';
import { searchPeople } from '$lib/server/people/repository';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { user, paths } = requireScope('person.view');
	const units = await listOrgUnits(locals.db, paths);
	const filters = peopleFilters(url, units);
	const result = await searchPeople(locals.db, { paths, ...filters });
	return {
		...result,
		filters: { q: filters.q ?? '', unit: filters.unitId ?? null, status: filters.status ?? '' },
		page: filters.page,
		pageSize: filters.pageSize,
		units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind, path: u.path })),
		canCreate: scopePaths(user, 'person.manage').length > 0,
		canImport: scopePaths(user, 'roster.import').length > 0
	};
};
