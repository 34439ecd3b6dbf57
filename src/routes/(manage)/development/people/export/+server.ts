import type { RequestHandler } from './$types';
import { rulesInEffect } from '$lib/server/development/settings/rules-in-effect';
import { peopleWorkbook } from '$lib/server/development/reports/workbooks';
import { assessPeople, pipelinePeople } from '$lib/server/development/reports/board';
import { xlsxResponse } from '$lib/server/spreadsheet/write';
import { listFilter, staffScope } from '../../scope.server';
import { fromReplica } from '$lib/server/db/read';

export const GET: RequestHandler = fromReplica(async ({ locals, url }) => {
	const { paths, branches } = await staffScope(locals.db);
	const rules = await rulesInEffect(locals.db);
	const standing = url.searchParams.get('standing');
	let people = await assessPeople(locals.db, await pipelinePeople(locals.db, paths, listFilter(url, branches)), rules);
	if (standing) people = people.filter((p) => p.standing === standing);
	return xlsxResponse(await peopleWorkbook(people), `发展党员名单-${rules.today}.xlsx`);
});
