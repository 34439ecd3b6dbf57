import type { Cookies } from '@sveltejs/kit';
import { randomBytes } from 'node:crypto';

// A long-lived random id for the browser, set on its first check-in. It identifies the device,
// not the person: a second account checking in on it for the same session is refused.
export const DEVICE_COOKIE = 'dx_device';
const FORMAT = /^[A-Za-z0-9_-]{22}$/;

export function deviceIdFor(cookies: Cookies, secure: boolean) {
	const existing = cookies.get(DEVICE_COOKIE);
	if (existing && FORMAT.test(existing)) return existing;
	const id = randomBytes(16).toString('base64url');
	cookies.set(DEVICE_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 5 * 365 * 24 * 3600 });
	return id;
}

/** A short, stable label for the review tables (never the whole id). */
export function deviceLabel(id: string | null) {
	return id ? id.slice(0, 6) : '';
}
