import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { parseHeartbeat } from './heartbeat-schema';
import { heartbeatRefusal, recordHeartbeat } from './repository';
import { studySettings } from './settings';
import { sessionIdOf, validateSessionToken } from '../auth/session';

export interface HeartbeatAnswer {
	status: number;
	body: Record<string, unknown>;
}

const signedOut = { status: 401, body: { message: '登录已失效，请重新登录后继续学习' } };

/**
 * The whole heartbeat exchange, from the session token and the body text to the status and
 * JSON to answer. Both the SvelteKit route and the production server's fast path
 * (src/lib/server/http/fast-routes.ts) answer with it, so they cannot drift apart.
 *
 * One SQL statement on the common path, which checks the session itself; the server measures
 * the time between beats, the client only says "still here", never how long.
 */
export async function answerHeartbeat(db: Kysely<Database>, token: string | undefined, text: string): Promise<HeartbeatAnswer> {
	// A script, not a page: 401 rather than the guards' redirect to the login page.
	if (!token) return signedOut;
	const parsed = parseHeartbeat(text);
	if (!parsed.ok) return { status: 400, body: { message: parsed.message } };
	const { lessonId, tab, seq, reachedEnd, pause, video, videoDuration } = parsed.beat;

	const sessionId = sessionIdOf(token);
	const result = await recordHeartbeat(db, { sessionId, lessonId, tab, seq, reachedEnd, pause, video, videoDuration }, await studySettings(db));
	if (!result) {
		// The rare path: say why nothing was credited.
		const session = await validateSessionToken(db, token);
		if (!session) return signedOut;
		if (session.user.mustChangePassword) return { status: 403, body: { message: '请先修改初始密码，再继续学习' } };
		const refusal = await heartbeatRefusal(db, lessonId);
		return { status: refusal.status, body: { message: refusal.message } };
	}
	return {
		status: 200,
		body: {
			secondsCredited: result.secondsCredited,
			capSeconds: result.capSeconds,
			minSeconds: result.minSeconds,
			completed: result.completed,
			reachedEnd: result.reachedEnd,
			videoSeconds: result.videoSeconds,
			credited: result.credited,
			duplicate: result.duplicate
		}
	};
}
