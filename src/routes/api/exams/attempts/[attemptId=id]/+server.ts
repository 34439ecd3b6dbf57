import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiUser, ok } from '$lib/server/quiz/api';
import { learnerAttempt } from '$lib/server/quiz/attempt-view';

/** The attempt as its learner may see it now: no key before the review is allowed. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const user = apiUser();
	const view = await learnerAttempt(locals.db, Number(params.attemptId), user.id);
	if (!view) error(404, '未找到该作答记录');
	return ok(view);
};
