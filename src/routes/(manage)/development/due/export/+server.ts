import type { RequestHandler } from './$types';
import { rulesInEffect } from '$lib/server/development/settings/rules-in-effect';
import { dueWorkbook } from '$lib/server/development/reports/workbooks';
import { assessPeople, dueRows, pipelinePeople } from '$lib/server/development/reports/board';
import { xlsxResponse } from '$lib/server/spreadsheet/write';
import type { DueStatus } from '$lib/server/development/engine/due-items';
import { listFilter, staffScope } from '../../scope.server';

export const GET: RequestHandler = async ({ locals, url }) => {
	const { paths, branches } = await staffScope(locals.db);
	const filter = listFilter(url, branches);
	const status = url.searchParams.get('status');
	const statuses: DueStatus[] = status === 'overdue' || status === 'due_this_month' ? [status] : ['overdue', 'due_this_month'];
	const rules = await rulesInEffect(locals.db);
	const assessed = await assessPeople(locals.db, await pipelinePeople(locals.db, paths, filter), rules);
	return xlsxResponse(await dueWorkbook(dueRows(assessed, statuses)), `发展党员到期事项-${rules.today}.xlsx`);
};
