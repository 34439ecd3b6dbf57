import { afterEach, describe, expect, it } from 'vitest';
import { parseShanghai, shanghaiDate, shanghaiDateTime, shanghaiDayTime, shanghaiRange, shanghaiSeconds, toShanghaiInput } from './shanghai';

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
		expect(shanghaiDayTime(justAfterMidnight)).toBe('2026-03-02（周一）00:30');
		expect(shanghaiRange(new Date('2026-03-01T15:00:00Z'), new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-01（周日）23:00–2026-03-02（周一）01:00');
		expect(shanghaiRange(new Date('2026-03-02T11:00:00Z'), new Date('2026-03-02T13:00:00Z'))).toBe('2026-03-02（周一）19:00–21:00');
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
		for (const bad of ['', '2026-02-30T10:00', '2026-02-29T10:00', '2026-13-01T10:00', '2026-03-01T24:00', '2026-03-01T10:60', '2026-03-01T10:00:60', '2026-03-01', '10:00', '2026-03-01T10:00Z', '2026-03-01T10:00+08:00']) {
			expect(parseShanghai(bad)).toBeNull();
		}
	});

	it('accepts seconds, a space for the T and surrounding blanks', () => {
		expect(parseShanghai('2026-03-01T10:00:30')?.toISOString()).toBe('2026-03-01T02:00:30.000Z');
		expect(parseShanghai(' 2028-02-29 10:00 ')?.toISOString()).toBe('2028-02-29T02:00:00.000Z');
		expect(parseShanghai('2026-03-01T10:00')).toBeInstanceOf(Date);
		expect(parseShanghai('2026-03-01T10:00')?.constructor).toBe(Date);
	});
});

describe('formats', () => {
	it('shows nothing for no time, and seconds where asked', () => {
		expect(shanghaiDateTime(null)).toBe('');
		expect(toShanghaiInput(undefined)).toBe('');
		expect(shanghaiDateTime('2026-11-30T01:00:00Z')).toBe('2026-11-30 09:00');
		expect(shanghaiSeconds(new Date('2026-11-30T01:00:05Z'))).toBe('11-30 09:00:05');
	});
});

describe('shanghaiDate', () => {
	it('turns the day at Shanghai midnight, whichever instants come in whichever order', () => {
		const midnight = Date.UTC(2026, 2, 1, 16, 0, 0); // 2026-03-02 00:00 in Shanghai
		const cases: [number, string][] = [
			[midnight - 1, '2026-03-01'], [midnight, '2026-03-02'], [midnight - 1, '2026-03-01'],
			[midnight + 86_400_000 - 1, '2026-03-02'], [midnight + 86_400_000, '2026-03-03'],
			[midnight - 86_400_000, '2026-03-01'], [midnight - 86_400_000 - 1, '2026-02-28'], [midnight + 3_600_000, '2026-03-02']
		];
		for (const [ms, date] of cases) {
			expect(shanghaiDate(new Date(ms))).toBe(date);
			expect(shanghaiDate(ms)).toBe(date);
		}
	});
});
