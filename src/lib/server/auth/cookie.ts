import type { RequestEvent } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { SESSION_COOKIE } from './session';

export function setSessionCookie(event: Pick<RequestEvent, 'cookies' | 'url'>, token: string, expiresAt: Date) {
	event.cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		// Secure in production; plain http on localhost stays usable for trying the site.
		secure: !dev && event.url.protocol === 'https:',
		expires: expiresAt,
		path: '/'
	});
}

export function deleteSessionCookie(event: Pick<RequestEvent, 'cookies'>) {
	event.cookies.delete(SESSION_COOKIE, { path: '/' });
}
