import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { text } from '$lib/validation/fields';
import { requireUser } from '../auth/guard';
import { getRequestEvent } from '$app/server';

/** For scripts, not pages: 401 instead of the guard's redirect to the login page. */
export function apiUser() {
	if (!getRequestEvent().locals.user) error(401, '登录已失效，请重新登录；已保存的答案不会丢失');
	return requireUser();
}

export const answerBody = z.object({
	response: z.union([
		z.number().int().min(0).max(7),
		z.array(z.number().int().min(0).max(7)).max(8),
		z.boolean(),
		text('答案', { max: 500, trim: false })
	]),
	seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
});

export const noStore = { 'cache-control': 'no-store' };
export const ok = (body: unknown) => json(body, { headers: noStore });
