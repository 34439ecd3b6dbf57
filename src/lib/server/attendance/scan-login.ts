import type { Db } from '$lib/server/db';
import { CODE_PATTERN, checkInSecret } from './codes';
import { readScan, scanSessionId, signScan } from './scan-token';

/**
 * A signed-out scan of the projector's QR code: a token signing the code with the request's arrival
 * time, whether the code is right or not. The code is judged only after sign-in, at the signed time,
 * where wrong codes count against the person (check-in.ts): answering differently here would let
 * anyone signed out try codes without limit. Null only for what cannot be a scan (no session, a
 * cancelled one, not six digits); that goes to a plain sign-in.
 */
export async function mintScan(db: Db, sessionId: number, code: string, arrivedAt: Date) {
	if (!CODE_PATTERN.test(code)) return null;
	const s = await db.selectFrom('session').select(['id', 'status']).where('id', '=', sessionId).executeTakeFirst();
	if (!s || s.status === 'cancelled') return null;
	const secret = await checkInSecret(db);
	return signScan(secret, { sessionId: s.id, code, scannedAt: arrivedAt });
}

/** Where the sign-in returns to, carrying the scan. */
export const scanReturnPath = (sessionId: number, token: string) => `/checkin/${sessionId}?scan=${encodeURIComponent(token)}`;

const RETURN = /^\/checkin\/(\d{1,12})\?scan=([^&#]+)$/;

/**
 * The title of the session a sign-in will check into, for the login page's notice; null unless
 * `redirectTo` carries a scan the server signed and that is still within its grace.
 */
export async function scanNotice(db: Db, redirectTo: string | null, now = new Date()) {
	const m = redirectTo ? RETURN.exec(redirectTo) : null;
	if (!m) return null;
	let token: string;
	try {
		token = decodeURIComponent(m[2]);
	} catch {
		return null;
	}
	if (scanSessionId(token) !== Number(m[1])) return null;
	if (!readScan(await checkInSecret(db), token, Number(m[1]), now).ok) return null;
	const s = await db.selectFrom('session').select('title').where('id', '=', Number(m[1])).executeTakeFirst();
	return s?.title ?? null;
}
