import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attemptLogin } from '$lib/server/auth/login';
import { safeRedirect } from '$lib/server/auth/redirect';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { isDemo } from '$lib/server/demo/seed';
import { database } from '$lib/server/db';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	const { engine } = await database();
	return { demo: await isDemo(locals.db), embedded: engine === 'pglite' };
};

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!username || !password) {
			return fail(400, { username, message: '请输入学号/工号和密码' });
		}
		const result = await attemptLogin(event.locals.db, username, password, event.getClientAddress());
		if (!result.ok) return fail(400, { username, message: result.message });
		const token = generateSessionToken();
		const session = await createSession(event.locals.db, token, result.personId);
		setSessionCookie(event, token, session.expiresAt);
		if (result.mustChangePassword) redirect(303, '/account/password');
		redirect(303, safeRedirect(event.url.searchParams.get('redirectTo')));
	}
} satisfies Actions;
