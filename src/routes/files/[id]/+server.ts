import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { fileReadDecision } from '$lib/server/files/access';
import { fileResponse } from '$lib/server/files/serve';

/** A stored file, for those who may see the record that holds it (lesson, leave request, development record). */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	const user = requireUser();
	const decision = await fileReadDecision(locals.db, user, params.id);
	if (!decision.ok) error(decision.status, decision.status === 404 ? '未找到该文件' : '您没有权限查看该文件');
	const response = await fileResponse(locals.db, params.id, request, decision.cacheControl);
	if (!response) error(404, '未找到该文件');
	return response;
};
