import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { learnerAttempt } from '$lib/server/quiz/attempt-view';

// The page data is what reaches the browser: learnerAttempt leaves keys and explanations
// out until the exam's review policy allows them (tested in attempts.test.ts).
export const load: PageServerLoad = async ({ locals, params, depends }) => {
	const user = requireUser();
	depends('exam:attempt');
	const attemptId = Number(params.attemptId);
	const view = Number.isInteger(attemptId) && attemptId > 0 ? await learnerAttempt(locals.db, attemptId, user.id) : undefined;
	if (!view || String(view.attempt.examId) !== params.id) error(404, '未找到该作答记录');
	return view;
};
