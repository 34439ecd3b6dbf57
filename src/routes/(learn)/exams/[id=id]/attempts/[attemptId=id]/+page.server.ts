import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { learnerAttempt } from '$lib/server/quiz/attempt-view';

// The page data is what reaches the browser: learnerAttempt leaves keys and explanations
// out until the exam's review policy allows them (tested in attempts.test.ts).
export const load: PageServerLoad = async ({ locals, params, depends }) => {
	const user = requireUser();
	depends('exam:attempt');
	const view = await learnerAttempt(locals.db, Number(params.attemptId), user.id);
	if (!view || view.attempt.examId !== Number(params.id)) error(404, '未找到该作答记录');
	return view;
};
