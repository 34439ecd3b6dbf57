import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { sessionFor } from '$lib/server/attendance/access';
import { projectorState } from '$lib/server/attendance/projector';

// Polled by the projector page every few seconds: the current code and QR, counts, flags.
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.user) error(401, '登录已失效');
	const user = requireUser();
	const { session, access } = await sessionFor(locals.db, Number(params.id), user);
	if (!access.run) error(403, '只有授课教师或考勤助理可以打开签到投影');
	return json(await projectorState(locals.db, session, url.origin), { headers: { 'cache-control': 'no-store' } });
};
