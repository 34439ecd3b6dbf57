import { afterEach, describe, expect, it } from 'vitest';
import { checkInForm, classSessionInput } from './schema';
import { formFields } from '$lib/validation/form';

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

describe('the check-in form', () => {
	const read = (fields: Record<string, string>) => {
		const form = new FormData();
		for (const [k, v] of Object.entries(fields)) form.append(k, v);
		return checkInForm.parse(formFields(form));
	};

	it('takes a form with only a code: no position, check-in, no scan', () => {
		expect(read({ code: '12 34 56' })).toEqual({ code: '123456', intent: 'in', scan: undefined, location: undefined });
	});

	it('reads a position, a reason for none, and tells a malformed one (null) from none', () => {
		expect(read({ code: '1', intent: 'out', lat: '31.2', lng: '121.5', accuracy: '20' })).toMatchObject({ intent: 'out', location: { lat: 31.2, lng: 121.5, accuracyM: 20 } });
		expect(read({ code: '1', locationProblem: 'denied' }).location).toEqual({ problem: 'denied' });
		expect(read({ code: '1', lat: 'north', lng: '121.5' }).location).toBeNull();
		expect(read({ code: '1', locationProblem: 'bored' }).location).toBeNull();
	});
});
