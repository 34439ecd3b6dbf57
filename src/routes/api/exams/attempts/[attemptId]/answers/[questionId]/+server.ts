import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { answerBody, apiUser, idParam, ok, readJson } from '$lib/server/quiz/api';
import { saveAnswer } from '$lib/server/quiz/attempts';

// The exam's hottest endpoint: after the session check, one INSERT … ON CONFLICT that also
// checks ownership, the clock and the paper. Safe to retry: same seq, same result.
export const PUT: RequestHandler = async ({ locals, params, request }) => {
	const user = apiUser();
	const { response, seq } = await readJson(request, answerBody, '答案格式不正确，请刷新页面后重试');
	const result = await saveAnswer(locals.db, { attemptId: idParam(params.attemptId), personId: user.id, questionId: idParam(params.questionId), response, seq });
	if (result.ok) return ok({ savedAt: result.savedAt });
	// A newer answer is already stored: this one is superseded, which is not an error.
	if (result.stale) return ok({ stale: true });
	error(result.status, result.message);
};
