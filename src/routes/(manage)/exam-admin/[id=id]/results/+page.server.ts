import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { parsePaging } from '$lib/server/http/paging';
import { appendAudit } from '$lib/server/audit/log';
import { resultsContext } from '$lib/server/quiz/results-scope';
import { branchSummary, examResults } from '$lib/server/quiz/results';
import { regradeExam } from '$lib/server/quiz/grading';
import { examAdmin } from '$lib/server/quiz/exams';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser();
	const { exam, cohort, manage, scope, filters } = await resultsContext(locals.db, Number(params.id), user, url);
	const { page, pageSize } = parsePaging(url);
	const [results, branches] = await Promise.all([examResults(locals.db, scope, filters, page, pageSize), branchSummary(locals.db, scope)]);
	return {
		exam: { id: exam.id, title: exam.title, passMark: exam.passMark },
		cohort: { id: cohort.id, name: cohort.name },
		manage,
		everyone: scope.learnerPaths === null,
		...results,
		branches,
		page,
		pageSize,
		filters: { q: filters.q ?? '', unit: filters.unitId ?? null, outcome: filters.outcome ?? '' }
	};
};

export const actions = {
	regrade: async ({ locals, params }) => {
		const user = requireUser();
		const { exam, manage } = await examAdmin(locals.db, Number(params.id), user);
		if (!manage) error(403, '只有培训班的组织者和授课教师可以重新评分');
		const regraded = await locals.db.transaction().execute(async (trx) => {
			const r = await regradeExam(trx, exam.id);
			await appendAudit(trx, { actorId: user.id, action: 'exam.regrade', entityType: 'exam', entityId: exam.id, after: r });
			return r;
		});
		return { regraded };
	}
} satisfies Actions;
