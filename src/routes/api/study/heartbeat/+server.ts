import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { parseHeartbeat } from '$lib/server/study/heartbeat-schema';
import { heartbeatRefusal, recordHeartbeat } from '$lib/server/study/repository';
import { studySettings } from '$lib/server/study/settings';

// The hottest endpoint of the site: after the session check it runs one SQL statement. The
// server measures the time between beats; the client only says "still here", never how long.
export const POST: RequestHandler = async ({ locals, request }) => {
	// A script, not a page: answer 401 instead of the guard's redirect to the login page.
	if (!locals.user) error(401, '登录已失效，请重新登录后继续学习');
	const user = requireUser();
	const parsed = parseHeartbeat(await request.text());
	if (!parsed.ok) error(400, parsed.message);
	const { lessonId, tab, seq, reachedEnd, pause, video, videoDuration } = parsed.beat;

	const db = locals.db;
	const result = await recordHeartbeat(db, { personId: user.id, lessonId, tab, seq, reachedEnd, pause, video, videoDuration }, await studySettings(db));
	if (!result) {
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
