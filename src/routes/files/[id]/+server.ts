import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { fileResponse } from '$lib/server/files/serve';

/** A stored file (lesson images, PDFs, video) for any signed-in user; ids are unguessable UUIDs. */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	requireUser();
	const response = await fileResponse(locals.db, params.id, request);
	if (!response) error(404, '未找到该文件');
	return response;
};
