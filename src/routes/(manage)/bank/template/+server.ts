import type { RequestHandler } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { xlsxResponse } from '$lib/server/spreadsheet/write';
import { importTemplate } from '$lib/server/quiz/import';

export const GET: RequestHandler = async () => {
	requireScope('bank.manage');
	return xlsxResponse(await importTemplate(), '题目导入模板.xlsx');
};
