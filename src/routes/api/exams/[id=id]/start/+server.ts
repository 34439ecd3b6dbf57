import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiUser, ok } from '$lib/server/quiz/api';
import { ExamError, startAttempt } from '$lib/server/quiz/attempts';

/**
 * Starts (or resumes) the learner's attempt. A new attempt comes with its paper (text only,
 * never a key), so a client needs no second request; a resumed one is read from
 * GET …/attempts/[id], which also carries the answers saved so far.
 */
export const POST: RequestHandler = async ({ locals, params }) => {
	const user = apiUser();
	try {
		return ok(await startAttempt(locals.db, Number(params.id), user.id));
	} catch (e) {
		if (e instanceof ExamError) error(e.status, e.message);
		throw e;
	}
};
