import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { noStore } from '$lib/server/quiz/api';
import { answerSave } from '$lib/server/quiz/answer-save';
import { SESSION_COOKIE } from '$lib/server/auth/session';

// The exam's hottest endpoint: one statement that checks the session, ownership, the clock and
// the paper and stores the answer (quiz/answer-save.ts, which the production server also answers
// with before SvelteKit: quiz/answer-route.ts). Safe to retry: same seq, same result.
export const PUT: RequestHandler = async ({ locals, params, request, cookies }) => {
	const attemptId = Number(params.attemptId);
	const questionId = Number(params.questionId);
	const answer = await answerSave(locals.db, {
		token: cookies.get(SESSION_COOKIE),
		contentType: request.headers.get('content-type'),
		attemptId,
		questionId,
		text: await request.text()
	});
	return json(answer.body, { status: answer.status, headers: noStore });
};
