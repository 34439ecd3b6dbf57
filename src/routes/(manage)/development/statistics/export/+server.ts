import type { RequestHandler } from './$types';
import { fromReplica } from '$lib/server/db/read';
import { statisticsWorkbook } from '$lib/server/development/reports/statistics-workbook';
import { xlsxResponse } from '$lib/server/spreadsheet/write';
import { statisticsFor } from '../query.server';

export const GET: RequestHandler = fromReplica(async ({ locals, url }) => {
	const { stats, scopeName } = await statisticsFor(locals.db, url);
	return xlsxResponse(await statisticsWorkbook(stats, scopeName), `发展党员统计-${stats.year}年-${scopeName}.xlsx`);
});
