import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { intParam } from '$lib/server/http/paging';
import { cohortResults } from '$lib/server/attendance/results';
import { attendanceWorkbook } from '$lib/server/attendance/export';
import { xlsxResponse } from '$lib/server/spreadsheet/write';

export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireUser();
	const cohortId = intParam(url, 'cohort');
	if (!cohortId) error(400, '请选择培训班');
	const { cohort, rows } = await cohortResults(locals.db, user, cohortId, url.searchParams.get('q')?.trim() || undefined);
	return xlsxResponse(await attendanceWorkbook(cohort.name, rows), `${cohort.name}-考勤统计.xlsx`);
};
