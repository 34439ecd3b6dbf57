import type { RequestHandler } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { listOrgUnits } from '$lib/server/org/units';
import { peopleFilters } from '$lib/server/people/filters';
import { exportPeople } from '$lib/server/people/export';
import { rosterWorkbook, xlsxResponse } from '$lib/server/people/import/workbook';

export const GET: RequestHandler = async ({ locals, url }) => {
	const { paths } = requireScope('person.view');
	const units = await listOrgUnits(locals.db, paths);
	const { page: _p, pageSize: _s, ...filters } = peopleFilters(url, units);
	const rows = await exportPeople(locals.db, { paths, ...filters });
	const date = new Date().toISOString().slice(0, 10);
	return xlsxResponse(await rosterWorkbook(rows), `人员名册-${date}.xlsx`);
};
