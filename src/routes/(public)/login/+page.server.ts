import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { attemptLogin } from '$lib/server/auth/login';
import { safeRedirect } from '$lib/server/auth/redirect';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { requestAddress } from '$lib/server/http/client-address';
import { isDemo } from '$lib/server/demo/seed';
import { database } from '$lib/server/db';
import { field, text } from '$lib/validation/fields';
import { parseForm } from '$lib/validation/form';
import { scanNotice } from '$lib/server/attendance/scan-login';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	const { engine } = await database();
	// A signed-out QR scan: say that check-in follows (the title only for a scan the server signed).
	const checkInTitle = await scanNotice(locals.db, url.searchParams.get('redirectTo'));
	return { demo: await isDemo(locals.db), embedded: engine === 'pglite', checkInTitle };
};

// Bounded before anything looks them up: the username is an index key (login throttling) and
// the password is hashed, so neither may be as long as a body can be. The username is also
// text PostgreSQL must accept (no NUL, no broken encoding): it is looked up and locked on.
const credentials = z.object({
	username: text('学号/工号', { max: 64 }).min(1, '请输入学号/工号和密码').prefault(''),
	password: z.string({ error: '请输入学号/工号和密码' }).min(1, '请输入学号/工号和密码').max(256, '密码不能超过 256 个字符').prefault('')
});

export const actions = {
	default: async (event) => {
		const parsed = await parseForm(event.request, credentials);
		if (!parsed.ok) {
			// Echoed into the form: never more of it than could be right.
			return fail(400, { username: field(parsed.form, 'username').trim().slice(0, 64), message: parsed.message });
		}
		const { username, password } = parsed.data;
		const result = await attemptLogin(event.locals.db, username, password, requestAddress(event));
		if (!result.ok) return fail(400, { username, message: result.message });
		const token = generateSessionToken();
		const session = await createSession(event.locals.db, token, result.personId);
		setSessionCookie(event, token, session.expiresAt);
		if (result.mustChangePassword) redirect(303, '/account/password');
		redirect(303, safeRedirect(event.url.searchParams.get('redirectTo')));
	}
} satisfies Actions;
