import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

// Rotating check-in codes: HMAC-SHA256(secret, "<sessionId>.<window>") cut to 6 digits, where
// window = floor(time / interval). Any server instance holding the shared secret computes and
// verifies them; nothing is stored per code.

/** How long after its window ends a code is still accepted (a phone slow to open the link). */
export const GRACE_SECONDS = 20;
/** A code from a window up to this far ahead passes: instances' clocks differ a little. */
const SKEW_MS = 2_000;
/** Codes this far back are reported as expired rather than wrong (a forwarded photo). */
const EXPIRED_LOOKBACK_MS = 15 * 60_000;

export const CODE_PATTERN = /^\d{6}$/;

export function codeWindow(nowMs: number, seconds: number) {
	return Math.floor(nowMs / (seconds * 1000));
}

export function signCode(secret: Buffer, sessionId: number, window: number) {
	const mac = createHmac('sha256', secret).update(`${sessionId}.${window}`).digest();
	// Dynamic truncation as in HOTP (RFC 4226), so every digit depends on the whole MAC.
	const offset = mac[mac.length - 1] & 0x0f;
	const n = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
	return String(n % 1_000_000).padStart(6, '0');
}

/** The code to show now, and when the next one takes over. */
export function currentCode(secret: Buffer, sessionId: number, seconds: number, nowMs = Date.now()) {
	const window = codeWindow(nowMs, seconds);
	return { code: signCode(secret, sessionId, window), window, nextAt: (window + 1) * seconds * 1000 };
}

export type CodeCheck = { ok: true; window: number } | { ok: false; reason: 'expired' | 'future' | 'invalid' };

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function verifyCode(secret: Buffer, sessionId: number, code: string, seconds: number, nowMs = Date.now()): CodeCheck {
	if (!CODE_PATTERN.test(code)) return { ok: false, reason: 'invalid' };
	const interval = seconds * 1000;
	const newest = codeWindow(nowMs + SKEW_MS, seconds);
	// Valid while now < end of its window + grace.
	const oldest = codeWindow(nowMs - GRACE_SECONDS * 1000, seconds);
	for (let w = newest; w >= oldest; w--) {
		if (same(signCode(secret, sessionId, w), code)) return { ok: true, window: w };
	}
	// Only for a better message: which way off is it? (Bounded: 90 windows at 10 s.)
	const lookback = Math.ceil(EXPIRED_LOOKBACK_MS / interval);
	for (let w = oldest - 1; w >= oldest - lookback; w--) {
		if (same(signCode(secret, sessionId, w), code)) return { ok: false, reason: 'expired' };
	}
	for (let w = newest + 1; w <= newest + 3; w++) {
		if (same(signCode(secret, sessionId, w), code)) return { ok: false, reason: 'future' };
	}
	return { ok: false, reason: 'invalid' };
}

export const SECRET_KEY = 'attendance.checkin_secret';
const secrets = new WeakMap<object, Promise<Buffer>>();

/**
 * The signing secret: CHECKIN_SECRET from the environment, else one generated on first use
 * and kept in app_setting so that every instance signs with the same key.
 */
export function checkInSecret(db: Kysely<Database>): Promise<Buffer> {
	const env = process.env.CHECKIN_SECRET;
	if (env) return Promise.resolve(Buffer.from(env, 'utf8'));
	let hit = secrets.get(db);
	if (!hit) {
		hit = (async () => {
			// Two instances starting together both try; the first insert wins and both read it.
			await db
				.insertInto('appSetting')
				.values({ key: SECRET_KEY, value: { secret: randomBytes(32).toString('base64url') } })
				.onConflict((oc) => oc.column('key').doNothing())
				.execute();
			const row = await db.selectFrom('appSetting').select('value').where('key', '=', SECRET_KEY).executeTakeFirstOrThrow();
			return Buffer.from((row.value as { secret: string }).secret, 'base64url');
		})();
		hit.catch(() => secrets.delete(db));
		secrets.set(db, hit);
	}
	return hit;
}
