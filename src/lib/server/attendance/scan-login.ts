import type { Db } from '$lib/server/db';
import { CODE_PATTERN, checkInSecret, verifyCode } from './codes';
import { readScan, scanSessionId, signScan } from './scan-token';

/**
 * A signed-out scan of the projector's QR code: a scan token when the code is valid now (judged
 * at the request's arrival), else null and the scan goes to a plain sign-in as before.
 */
export async function mintScan(db: Db, sessionId: number, code: string, arrivedAt: Date) {
	if (!CODE_PATTERN.test(code)) return null;
	const s = await db.selectFrom('session').select(['id', 'codeSeconds', 'status']).where('id', '=', sessionId).executeTakeFirst();
	if (!s || s.status === 'cancelled') return null;
	const secret = await checkInSecret(db);
	if (!verifyCode(secret, s.id, code, s.codeSeconds, arrivedAt.getTime()).ok) return null;
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
