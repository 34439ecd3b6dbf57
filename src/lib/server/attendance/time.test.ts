import { afterEach, describe, expect, it } from 'vitest';
import { formatDateTime, formatRange, parseShanghai, shanghaiDate, toShanghaiInput } from './time';
import { sessionInput } from './schema';

const zone = process.env.TZ;
afterEach(() => {
	if (zone === undefined) delete process.env.TZ;
	else process.env.TZ = zone;
});

// Run every case in several server zones, including one with daylight saving.
const zones = ['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati'];

describe.each(zones)('Shanghai times with the server in %s', (tz) => {
	it('reads datetime-local values as UTC+8, around midnight', () => {
		process.env.TZ = tz;
		// The zone really is in force for this process (New York: UTC-5 in January).
		if (tz === 'America/New_York') expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(300);
		expect(parseShanghai('2026-03-01T23:30')?.toISOString()).toBe('2026-03-01T15:30:00.000Z');
		expect(parseShanghai('2026-03-02T00:00')?.toISOString()).toBe('2026-03-01T16:00:00.000Z');
		expect(parseShanghai('2026-03-02T00:30')?.toISOString()).toBe('2026-03-01T16:30:00.000Z');
		expect(parseShanghai('2026-01-01 07:59')?.toISOString()).toBe('2025-12-31T23:59:00.000Z');
	});

	it('shows instants on their Shanghai date and time', () => {
		process.env.TZ = tz;
		const justAfterMidnight = new Date('2026-03-01T16:30:00Z');
		expect(shanghaiDate(justAfterMidnight)).toBe('2026-03-02');
		expect(toShanghaiInput(justAfterMidnight)).toBe('2026-03-02T00:30');
		expect(formatDateTime(justAfterMidnight)).toBe('2026-03-02（周一）00:30');
		expect(formatRange(new Date('2026-03-01T15:00:00Z'), new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-01（周日）23:00–2026-03-02（周一）01:00');
		expect(formatRange(new Date('2026-03-02T11:00:00Z'), new Date('2026-03-02T13:00:00Z'))).toBe('2026-03-02（周一）19:00–21:00');
	});

	it('round-trips every quarter hour of a day', () => {
		process.env.TZ = tz;
		for (let m = 0; m < 24 * 60; m += 15) {
			const local = `2026-11-01T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
			expect(toShanghaiInput(parseShanghai(local)!)).toBe(local);
		}
	});

	it('keeps a weekly series at the same wall-clock time across the US DST change', () => {
		process.env.TZ = tz;
		// New York moves its clocks on 2026-03-08 and 2026-11-01; Shanghai does not.
		const first = parseShanghai('2026-03-02T19:00')!;
		const weeks = Array.from({ length: 4 }, (_, i) => toShanghaiInput(new Date(first.getTime() + i * 7 * 86400_000)));
		expect(weeks).toEqual(['2026-03-02T19:00', '2026-03-09T19:00', '2026-03-16T19:00', '2026-03-23T19:00']);
	});
});

describe('parseShanghai', () => {
	it('rejects malformed and impossible times', () => {
		for (const bad of ['', '2026-02-30T10:00', '2026-13-01T10:00', '2026-03-01T24:00', '2026-03-01T10:60', '2026-03-01', '10:00', '2026-03-01T10:00Z']) {
			expect(parseShanghai(bad)).toBeNull();
		}
	});
});

describe('the session form', () => {
	const base = {
		title: '党课', kind: 'lecture', startsAt: '2026-03-01T23:00', endsAt: '2026-03-02T01:00', place: '', creditHours: '2',
		checkinOpensMin: '15', lateAfterMin: '10', checkinClosesMin: '30', codeSeconds: '10', allowedNetworks: ''
	};

	it('accepts a session across midnight', () => {
		process.env.TZ = 'America/New_York';
		const r = sessionInput.safeParse(base);
		expect(r.success).toBe(true);
		expect(r.data?.startsAt.toISOString()).toBe('2026-03-01T15:00:00.000Z');
		expect(r.data?.endsAt.toISOString()).toBe('2026-03-01T17:00:00.000Z');
		expect(r.data?.checkoutRequired).toBe(false);
	});

	it('refuses an end before the start, a late mark after the close, and bad ranges', () => {
		const r = sessionInput.safeParse({ ...base, endsAt: '2026-03-01T22:00', lateAfterMin: '40', allowedNetworks: '10.0.0.0/8\nnot-a-net' });
		expect(r.success).toBe(false);
		const paths = r.error!.issues.map((i) => i.path[0]);
		expect(paths).toContain('allowedNetworks');
	});
});
