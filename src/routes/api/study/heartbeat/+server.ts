import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { parseHeartbeat } from '$lib/server/study/heartbeat-schema';
import { heartbeatRefusal, recordHeartbeat } from '$lib/server/study/repository';
import { studySettings } from '$lib/server/study/settings';
import { SESSION_COOKIE, sessionIdOf, validateSessionToken } from '$lib/server/auth/session';

// The hottest endpoint of the site: one SQL statement, which checks the session itself (the
// hook skips its own lookup for this path, see hooks.server.ts). The server measures the time
// between beats; the client only says "still here", never how long.
export const POST: RequestHandler = async ({ locals, request, cookies }) => {
	// A script, not a page: answer 401 instead of the guard's redirect to the login page.
	const token = cookies.get(SESSION_COOKIE);
	if (!token) error(401, '登录已失效，请重新登录后继续学习');
	const parsed = parseHeartbeat(await request.text());
	if (!parsed.ok) error(400, parsed.message);
	const { lessonId, tab, seq, reachedEnd, pause, video, videoDuration } = parsed.beat;

	const db = locals.db;
	const sessionId = sessionIdOf(token);
	const result = await recordHeartbeat(db, { sessionId, lessonId, tab, seq, reachedEnd, pause, video, videoDuration }, await studySettings(db));
	if (!result) {
		// The rare path: say why nothing was credited.
		const session = await validateSessionToken(db, token);
		if (!session) error(401, '登录已失效，请重新登录后继续学习');
		if (session.user.mustChangePassword) error(403, '请先修改初始密码，再继续学习');
		const refusal = await heartbeatRefusal(db, lessonId);
		error(refusal.status, refusal.message);
	}
	return json(
		{
			secondsCredited: result.secondsCredited,
			capSeconds: result.capSeconds,
			minSeconds: result.minSeconds,
			completed: result.completed,
			reachedEnd: result.reachedEnd,
			videoSeconds: result.videoSeconds,
			credited: result.credited,
			duplicate: result.duplicate
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};
