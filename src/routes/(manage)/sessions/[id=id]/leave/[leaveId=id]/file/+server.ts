import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { sessionFor } from '$lib/server/attendance/access';

// A leave request's attachment: for its learner, and for those who decide on it.
export const GET: RequestHandler = async ({ locals, params }) => {
	const user = requireUser();
	const [leaveId, sessionId] = [Number(params.leaveId), Number(params.id)];
	const row = await locals.db
		.selectFrom('leaveRequest as l')
		.innerJoin('storedFile as f', 'f.id', 'l.fileId')
		.select(['l.personId', 'f.name', 'f.contentType', 'f.data'])
		.where('l.id', '=', leaveId)
		.where('l.sessionId', '=', sessionId)
		.executeTakeFirst();
	if (!row) error(404, '未找到该附件');
	if (row.personId !== user.id) {
		const { access } = await sessionFor(locals.db, sessionId, user);
		if (!access.decideLeave) error(403, '您没有权限查看该附件');
	}
	return new Response(row.data as BodyInit, {
		headers: {
			'content-type': row.contentType,
			'content-disposition': `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(row.name)}`,
			'cache-control': 'private, no-store',
			'content-security-policy': "default-src 'none'; sandbox"
		}
	});
};
