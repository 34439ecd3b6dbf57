import type { PageServerLoad } from './$types';
import { fromReplica } from '$lib/server/db/read';
import { FIRST_YEAR, statisticsFor } from './query.server';

// 党内统计's development tables for a year, over the viewer's committee: counted from the dated
// steps on file in one grouped query (reports/statistics.ts).
export const load: PageServerLoad = fromReplica(async ({ locals, url }) => {
	const { stats, scopeName, thisYear, today } = await statisticsFor(locals.db, url);
	const years = Array.from({ length: Math.min(10, thisYear - FIRST_YEAR + 1) }, (_, i) => thisYear - i);
	return { stats, scopeName, years, today };
});
