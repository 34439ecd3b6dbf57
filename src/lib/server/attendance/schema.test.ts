import { afterEach, describe, expect, it } from 'vitest';
import { classSessionInput } from './schema';

const zone = process.env.TZ;
afterEach(() => {
	if (zone === undefined) delete process.env.TZ;
	else process.env.TZ = zone;
});

describe('the session form', () => {
	const base = {
		title: '党课', kind: 'lecture', startsAt: '2026-03-01T23:00', endsAt: '2026-03-02T01:00', place: '', creditHours: '2',
		checkinOpensMin: '15', lateAfterMin: '10', checkinClosesMin: '30', codeSeconds: '10', allowedNetworks: ''
	};

	it('accepts a session across midnight', () => {
		process.env.TZ = 'America/New_York';
		const r = classSessionInput.safeParse(base);
		expect(r.success).toBe(true);
		expect(r.data?.startsAt.toISOString()).toBe('2026-03-01T15:00:00.000Z');
		expect(r.data?.endsAt.toISOString()).toBe('2026-03-01T17:00:00.000Z');
		expect(r.data?.checkoutRequired).toBe(false);
	});

	it('refuses an end before the start, a late mark after the close, and bad ranges', () => {
		const r = classSessionInput.safeParse({ ...base, endsAt: '2026-03-01T22:00', lateAfterMin: '40', allowedNetworks: '10.0.0.0/8\nnot-a-net' });
		expect(r.success).toBe(false);
		const paths = r.error!.issues.map((i) => i.path[0]);
		expect(paths).toContain('allowedNetworks');
	});
});
