import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { cohortFor } from '$lib/server/cohorts/context';
import { cohortLearners, learnerFilter } from '$lib/server/cohorts/learners';
import { progressWorkbook } from '$lib/server/cohorts/export';
import { xlsxResponse } from '$lib/server/spreadsheet/write';
import { todayInShanghai } from '$lib/server/development/engine/dates';

/** The learners table with the page's filters, without paging. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { cohort, access } = await cohortFor(locals.db, Number(params.id), requireUser());
	const rows = await cohortLearners(locals.db, cohort.id, access.learnerPaths ?? undefined, learnerFilter(url));
	return xlsxResponse(await progressWorkbook(cohort.name, rows), `${cohort.name}-学习进度-${todayInShanghai()}.xlsx`);
};
