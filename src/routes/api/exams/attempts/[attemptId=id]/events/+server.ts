import type { RequestHandler } from './$types';
import { apiUser } from '$lib/server/quiz/api';
import { readJson } from '$lib/server/http/json-body';
import { eventBatch, logEvents } from '$lib/server/quiz/events';

/** Integrity signals, batched by the page: logged for the instructor, never blocking. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const user = apiUser();
	const batch = await readJson(request, eventBatch);
	await logEvents(locals.db, Number(params.attemptId), user.id, batch);
	return new Response(null, { status: 204 });
};
