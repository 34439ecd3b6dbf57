import type { RequestHandler } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { listOrgUnits } from '$lib/server/org/units';
import { peopleFilters } from '$lib/server/people/filters';
import { exportPeople } from '$lib/server/people/export';
import { rosterWorkbook } from '$lib/server/people/import/workbook';
import { xlsxResponse } from '$lib/server/spreadsheet/write';
import { todayInShanghai } from '$lib/server/development/engine/dates';
import { fromReplica } from '$lib/server/db/read';

export const GET: RequestHandler = fromReplica(async ({ locals, url }) => {
	const { user, paths } = requireScope('person.view');
	const units = await listOrgUnits(locals.db, paths);
	const { page: _p, pageSize: _s, ...filters } = peopleFilters(url, units);
	const rows = await exportPeople(locals.db, user, { paths, ...filters });
	const date = todayInShanghai();
	return xlsxResponse(await rosterWorkbook(rows, date), `人员名册-${date}.xlsx`);
});
