import type { RequestHandler } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { importTemplate } from '$lib/server/development/import/template';
import { xlsxResponse } from '$lib/server/spreadsheet/write';

export const GET: RequestHandler = async () => {
	requireScope('roster.import');
	return xlsxResponse(await importTemplate(), '发展党员纪实导入模板.xlsx');
};
