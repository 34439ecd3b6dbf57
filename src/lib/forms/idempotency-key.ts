/** The hidden field that carries a form's idempotency key (see $lib/server/http/idempotency). */
export const IDEMPOTENCY_FIELD = 'idempotencyKey';

const KEY = /^[0-9a-f]{32}$/;

export const isIdempotencyKey = (v: string) => KEY.test(v);

/**
 * 128 random bits as hex. crypto.getRandomValues, not randomUUID: the latter exists only in
 * secure contexts, and a campus intranet may serve the site over plain http.
 */
export function newIdempotencyKey() {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
