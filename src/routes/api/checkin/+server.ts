import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { checkInFromRequest } from '$lib/server/attendance/request';
import { checkInBody } from '$lib/server/attendance/schema';
import { readJson } from '$lib/server/http/json-body';

// The lecture-hall burst lands here: after the session check, a signature check and one insert.
// JSON only, so a cross-site form cannot post it (SvelteKit's origin check covers forms).
export const POST: RequestHandler = async (event) => {
	if (!event.locals.user) error(401, '登录已失效，请重新登录后签到');
	const user = requireUser();
	const body = await readJson(event.request, checkInBody, '请求格式不正确');
	const { result, message } = await checkInFromRequest(event, user.id, body);
	return json(
		result.ok
			? { ok: true, action: result.action, sessionId: result.sessionId, status: result.status, at: result.at.toISOString(), message }
			: { ok: false, reason: result.reason, sessionId: result.sessionId ?? null, message },
		{ status: result.ok ? 200 : result.reason === 'not_found' ? 404 : 409, headers: { 'cache-control': 'no-store' } }
	);
};
