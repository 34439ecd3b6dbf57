import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { answerHeartbeat } from '$lib/server/study/heartbeat-answer';
import { SESSION_COOKIE } from '$lib/server/auth/session';

// The hottest endpoint of the site. The production server (scripts/serve.js) answers it before
// SvelteKit (src/lib/server/http/fast-routes.ts); this route answers in development and under
// `node build`. The hook skips its own session lookup here: the statement checks the session.
export const POST: RequestHandler = async ({ locals, request, cookies }) => {
	const answer = await answerHeartbeat(locals.db, cookies.get(SESSION_COOKIE), await request.text());
	return json(answer.body, { status: answer.status, headers: { 'cache-control': 'no-store' } });
};
