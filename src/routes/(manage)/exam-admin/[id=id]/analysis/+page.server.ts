import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { parsePaging } from '$lib/server/http/paging';
import { resultsContext } from '$lib/server/quiz/results-scope';
import { itemAnalysis } from '$lib/server/quiz/analysis';
import { questionTypes } from '$lib/server/quiz/tables';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser();
	const { exam, cohort, scope, manage } = await resultsContext(locals.db, Number(params.id), user, url);
	const all = await itemAnalysis(locals.db, exam.id, scope.learnerPaths);
	const q = url.searchParams.get('q')?.trim() ?? '';
	const type = questionTypes.find((t) => t === url.searchParams.get('type')) ?? '';
	const items = all.filter((i) => (!q || i.stem.includes(q) || i.code?.includes(q)) && (!type || i.type === type));
	const { page, pageSize } = parsePaging(url);
	return {
		exam: { id: exam.id, title: exam.title },
		cohort: { name: cohort.name },
		manage,
		// Keys are shown to those who set the exam; others see rates and choices only.
		items: items.slice((page - 1) * pageSize, page * pageSize).map((i) => ({ ...i, answer: manage ? i.answer : null })),
		total: items.length,
		page,
		pageSize,
		filters: { q, type },
		everyone: scope.learnerPaths === null
	};
};
