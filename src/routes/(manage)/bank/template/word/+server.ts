import type { RequestHandler } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { docxResponse } from '$lib/server/quiz/word/export';
import { wordTemplate } from '$lib/server/quiz/word/template';

export const GET: RequestHandler = async () => {
	requireScope('bank.manage');
	return docxResponse(await wordTemplate(), '题目导入模板.docx');
};
