import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { branchFilter, branchRows, branchScope, filterRows } from '$lib/server/completion/branch';
import { branchWorkbook } from '$lib/server/completion/branch-export';
import { xlsxResponse } from '$lib/server/spreadsheet/write';
import { shanghaiDate } from '$lib/time/shanghai';
import { fromReplica } from '$lib/server/db/read';

export const GET: RequestHandler = fromReplica(async ({ locals, url }) => {
	const paths = branchScope(requireUser());
	if (paths.length === 0) error(403, '您没有权限导出支部结业情况');
	const rows = filterRows(await branchRows(locals.db, paths), branchFilter(url));
	return xlsxResponse(await branchWorkbook(rows), `结业情况-${shanghaiDate(new Date())}.xlsx`);
});
