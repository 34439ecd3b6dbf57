import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { intParam } from '$lib/server/http/paging';
import { rulesInEffect } from '$lib/server/development/settings/rules-in-effect';
import { boardWorkbook } from '$lib/server/development/reports/workbooks';
import { assessPeople, pipelinePeople, summarise } from '$lib/server/development/reports/board';
import { xlsxResponse } from '$lib/server/spreadsheet/write';
import { staffScope } from '../../scope.server';
import { fromReplica } from '$lib/server/db/read';

export const GET: RequestHandler = fromReplica(async ({ locals, url }) => {
	const { paths, branches } = await staffScope(locals.db);
	const branch = branches.find((b) => b.id === intParam(url, 'branch'));
	if (!branch) error(404, '请选择您范围内的支部');
	const rules = await rulesInEffect(locals.db);
	const people = await assessPeople(locals.db, await pipelinePeople(locals.db, paths, { orgUnitId: branch.id }), rules);
	return xlsxResponse(await boardWorkbook(branch.name, people, summarise(people)), `支部看板-${branch.name}-${rules.today}.xlsx`);
});
