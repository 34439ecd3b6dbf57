import { describe, expect, it } from 'vitest';
import { GRACE_SECONDS, codeWindow, currentCode, signCode, verifyCode } from './codes';

const secret = Buffer.from('test-secret-for-codes');
const other = Buffer.from('another-instance-secret');
const t0 = Date.UTC(2026, 2, 2, 11, 0, 3); // 19:00:03 in Shanghai
const I = 10;

describe('rotating check-in codes', () => {
	it('are six digits, change every window and differ per session', () => {
		const a = currentCode(secret, 7, I, t0);
		expect(a.code).toMatch(/^\d{6}$/);
		expect(a.nextAt - t0).toBeGreaterThan(0);
		expect(a.nextAt - t0).toBeLessThanOrEqual(I * 1000);
		const next = currentCode(secret, 7, I, a.nextAt);
		expect(next.window).toBe(a.window + 1);
		const codes = new Set(Array.from({ length: 50 }, (_, w) => signCode(secret, 7, a.window + w)));
		expect(codes.size).toBeGreaterThan(45);
		expect(signCode(secret, 8, a.window)).not.toBe(a.code);
	});

	it('verify on any instance with the same secret, with no stored state', () => {
		const { code } = currentCode(secret, 7, I, t0);
		expect(verifyCode(Buffer.from('test-secret-for-codes'), 7, code, I, t0 + 1000)).toEqual({ ok: true, window: codeWindow(t0, I) });
		expect(verifyCode(other, 7, code, I, t0).ok).toBe(false);
	});

	it('accept a code through its window plus the grace, then call it expired', () => {
		const { code, nextAt } = currentCode(secret, 7, I, t0);
		expect(verifyCode(secret, 7, code, I, nextAt + GRACE_SECONDS * 1000 - 1).ok).toBe(true);
		expect(verifyCode(secret, 7, code, I, nextAt + GRACE_SECONDS * 1000)).toEqual({ ok: false, reason: 'expired' });
		// A replay long after (a photo sent on) is still recognised as expired, not just wrong.
		expect(verifyCode(secret, 7, code, I, t0 + 10 * 60_000)).toEqual({ ok: false, reason: 'expired' });
		// …and much later it is simply invalid.
		expect(verifyCode(secret, 7, code, I, t0 + 3 * 3600_000)).toEqual({ ok: false, reason: 'invalid' });
	});

	it('refuse future codes beyond a small clock skew', () => {
		const w = codeWindow(t0, I);
		const soon = signCode(secret, 7, w + 1);
		const later = signCode(secret, 7, w + 3);
		// t0 is 3 s into its window: the next window starts in 7 s, more than the 2 s skew.
		expect(verifyCode(secret, 7, soon, I, t0)).toEqual({ ok: false, reason: 'future' });
		expect(verifyCode(secret, 7, soon, I, (w + 1) * I * 1000 - 1500).ok).toBe(true);
		expect(verifyCode(secret, 7, later, I, t0)).toEqual({ ok: false, reason: 'future' });
	});

	it('refuse a code of another session and tampered or malformed codes', () => {
		const { code } = currentCode(secret, 7, I, t0);
		expect(verifyCode(secret, 8, code, I, t0)).toEqual({ ok: false, reason: 'invalid' });
		const tampered = code.slice(0, 5) + String((Number(code[5]) + 1) % 10);
		expect(verifyCode(secret, 7, tampered, I, t0)).toEqual({ ok: false, reason: 'invalid' });
		for (const bad of ['', '12345', '1234567', 'abcdef', ` ${code}`, `${code}0`]) {
			expect(verifyCode(secret, 7, bad, I, t0)).toEqual({ ok: false, reason: 'invalid' });
		}
	});

	it('follow the session interval', () => {
		const { code } = currentCode(secret, 7, 30, t0);
		expect(verifyCode(secret, 7, code, 30, t0 + 40_000).ok).toBe(true);
		expect(verifyCode(secret, 7, code, 10, t0).ok).toBe(false);
	});
});
