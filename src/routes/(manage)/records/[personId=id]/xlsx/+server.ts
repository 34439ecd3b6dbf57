import type { RequestHandler } from './$types';
import { recordFor } from '$lib/server/completion/record-access';
import { trainingRecord } from '$lib/server/completion/records';
import { recordWorkbook } from '$lib/server/completion/record-export';
import { xlsxResponse } from '$lib/server/spreadsheet/write';

export const GET: RequestHandler = async ({ locals, params }) => {
	const { person } = await recordFor(locals.db, Number(params.personId));
	const bytes = await recordWorkbook(person, await trainingRecord(locals.db, person.id));
	return xlsxResponse(bytes, `培训档案-${person.name}-${person.username}.xlsx`);
};
