import { createHmac, timingSafeEqual } from 'node:crypto';

// A scan kept across the sign-in: the server verified the QR code when the signed-out scan
// arrived and signs (session, code, scan time) into the login redirect. After sign-in the code is
// judged at that signed time, so a learner who takes a minute to type a password is not refused
// for a code that rotated meanwhile. Signed with the check-in secret (codes.ts), under its own
// prefix so a scan signature can never pass for a code signature or the other way round.

/**
 * How long a scan stays good after it reached the server: long enough to type a forgotten
 * password twice on a phone, short enough that a forwarded link is useless after the class starts.
 */
export const SCAN_GRACE_MS = 3 * 60_000;
/** Instances' clocks differ a little: a scan stamped slightly "ahead" by another instance passes. */
const SKEW_MS = 2_000;
const TOKEN = /^(\d{1,12})\.(\d{6})\.(\d{10,15})\.([A-Za-z0-9_-]{43})$/;

export interface Scan {
	sessionId: number;
	code: string;
	scannedAt: Date;
}

export type ScanRead = { ok: true; scan: Scan } | { ok: false; reason: 'forged' | 'other_session' | 'stale' };

function mac(secret: Buffer, sessionId: number, code: string, atMs: number) {
	return createHmac('sha256', secret).update(`scan.${sessionId}.${code}.${atMs}`).digest('base64url');
}

/** Only call after verifying the code at `scannedAt`: the token vouches that it was valid then. */
export function signScan(secret: Buffer, scan: Scan) {
	const at = scan.scannedAt.getTime();
	return `${scan.sessionId}.${scan.code}.${at}.${mac(secret, scan.sessionId, scan.code, at)}`;
}

/** The scan a token stands for, if the server signed it, for this session, within the grace. */
export function readScan(secret: Buffer, token: string, sessionId: number, now = new Date()): ScanRead {
	const m = TOKEN.exec(token);
	if (!m) return { ok: false, reason: 'forged' };
	const [, sid, code, at, sig] = m;
	const expected = mac(secret, Number(sid), code, Number(at));
	if (!timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) return { ok: false, reason: 'forged' };
	if (Number(sid) !== sessionId) return { ok: false, reason: 'other_session' };
	const age = now.getTime() - Number(at);
	if (age > SCAN_GRACE_MS || age < -SKEW_MS) return { ok: false, reason: 'stale' };
	return { ok: true, scan: { sessionId, code, scannedAt: new Date(Number(at)) } };
}

/** The session id a token names, without checking it (to route a request; never to trust it). */
export function scanSessionId(token: string): number | null {
	const m = TOKEN.exec(token);
	return m ? Number(m[1]) : null;
}
