import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { xlsxResponse } from '$lib/server/spreadsheet/write';
import { resultsContext } from '$lib/server/quiz/results-scope';
import { branchSummary, examResults } from '$lib/server/quiz/results';
import { itemAnalysis } from '$lib/server/quiz/analysis';
import { resultsWorkbook } from '$lib/server/quiz/export';

/** The results page as a workbook: the same filters and the same learner scope. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const user = requireUser();
	const { exam, cohort, scope, filters } = await resultsContext(locals.db, Number(params.id), user, url);
	const [results, branches, items] = await Promise.all([
		examResults(locals.db, scope, filters, 1, 100_000),
		branchSummary(locals.db, scope),
		itemAnalysis(locals.db, exam.id, scope.learnerPaths)
	]);
	const bytes = await resultsWorkbook({ title: exam.title, cohortName: cohort.name, passMark: exam.passMark }, results.rows, branches, items);
	return xlsxResponse(bytes, `${cohort.name}-${exam.title}-成绩.xlsx`);
};
