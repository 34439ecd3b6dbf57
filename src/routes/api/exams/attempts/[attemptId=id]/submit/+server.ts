import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiUser, ok } from '$lib/server/quiz/api';
import { submitAttempt } from '$lib/server/quiz/attempts';

/** Grades once; a second submit (another tab, a retry) gets 409 and changes nothing. */
export const POST: RequestHandler = async ({ locals, params }) => {
	const user = apiUser();
	const result = await submitAttempt(locals.db, Number(params.attemptId), user.id);
	if (!result.ok) error(result.status, result.message);
	// The score is not sent: the result page shows it only as the exam's settings allow.
	return ok({ submitted: true });
};
