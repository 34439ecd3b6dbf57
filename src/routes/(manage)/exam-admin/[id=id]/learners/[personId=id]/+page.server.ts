import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { resultsContext } from '$lib/server/quiz/results-scope';
import { learnerDetail } from '$lib/server/quiz/attempt-detail';

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requireUser();
	const { exam, cohort, access, manage, grade, scope } = await resultsContext(locals.db, Number(params.id), user);
	const detail = await learnerDetail(locals.db, exam, params.personId, { ...access, learnerPaths: scope.learnerPaths });
	// Answers next to keys are for those who set the exam; a secretary sees scores, times and signals.
	const attempts = grade ? detail.attempts : detail.attempts.map((a) => ({ ...a, items: [] }));
	return { exam: { id: exam.id, title: exam.title, passMark: exam.passMark }, cohort: { name: cohort.name }, person: detail.person, attempts, manage };
};
