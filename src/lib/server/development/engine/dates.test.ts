import { describe, expect, it } from 'vitest';
import { addMonths as fnsAddMonths, differenceInCalendarDays, format } from 'date-fns';
import { addDays, addMonths, ageOn, birthdayOfAge, compareDates, daysBetween, fromDayNumber, parseDate, sameMonth, toDayNumber, todayInShanghai, weekday } from './dates';

describe('addMonths', () => {
	it('clamps to the end of a shorter month', () => {
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
		expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
		expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
		expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
		expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
	});

	it('agrees with date-fns on every day of 2024–2026 for ±1, 6, 12 months', () => {
		// date-fns works on local-time Dates; built and formatted locally it is a fair oracle in any TZ.
		let checked = 0;
		const mismatches: string[] = [];
		for (let d = new Date(2024, 0, 1); d.getFullYear() < 2027; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)) {
			const iso = format(d, 'yyyy-MM-dd');
			for (const n of [-1, 1, 6, 12]) {
				const expected = format(fnsAddMonths(d, n), 'yyyy-MM-dd');
				if (addMonths(iso, n) !== expected) mismatches.push(`${iso} ${n}`);
				checked++;
			}
		}
		expect(mismatches).toEqual([]);
		expect(checked).toBe(1096 * 4);
	});
});

describe('day arithmetic', () => {
	it('numbers days exactly as UTC does, 1900–2100', () => {
		const mismatches: string[] = [];
		for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2100, 11, 31); ms += 86_400_000) {
			const iso = new Date(ms).toISOString().slice(0, 10);
			if (toDayNumber(iso) !== ms / 86_400_000 || fromDayNumber(ms / 86_400_000) !== iso) mismatches.push(iso);
		}
		expect(mismatches).toEqual([]);
		expect(toDayNumber('1970-01-01')).toBe(0);
	});

	it('adds days across month, year and leap day', () => {
		expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
	});

	it('counts days like date-fns', () => {
		expect(daysBetween('2025-09-15', '2026-09-15')).toBe(365);
		expect(daysBetween('2027-09-15', '2028-09-15')).toBe(366);
		expect(daysBetween('2026-10-08', '2026-10-01')).toBe(-7);
		expect(daysBetween('2024-01-01', '2026-12-31')).toBe(differenceInCalendarDays(new Date(2026, 11, 31), new Date(2024, 0, 1)));
	});

	it('knows the weekday (0 = Sunday)', () => {
		expect(weekday('2026-10-01')).toBe(4);
		expect(weekday('2026-02-14')).toBe(6);
		expect(weekday('1970-01-01')).toBe(4);
	});

	it('compares and groups by month', () => {
		expect(compareDates('2026-01-31', '2026-02-01')).toBe(-1);
		expect(compareDates('2026-02-01', '2026-02-01')).toBe(0);
		expect(sameMonth('2026-02-01', '2026-02-28')).toBe(true);
		expect(sameMonth('2026-02-28', '2027-02-28')).toBe(false);
	});

	it('rejects malformed dates instead of guessing', () => {
		expect(() => parseDate('2026-02-29')).toThrow(RangeError);
		expect(() => parseDate('2026-2-1')).toThrow(RangeError);
		expect(() => compareDates('2026-13-01', '2026-01-01')).toThrow(RangeError);
	});
});

describe('ageOn', () => {
	it('counts the birthday itself as reached', () => {
		expect(ageOn('2008-05-02', '2026-05-01')).toBe(17);
		expect(ageOn('2008-05-02', '2026-05-02')).toBe(18);
	});

	it('reaches a 29 February birthday on 1 March in common years', () => {
		expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
		expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
		expect(birthdayOfAge('2008-02-29', 18)).toBe('2026-03-01');
		expect(birthdayOfAge('2008-02-29', 20)).toBe('2028-02-29');
	});
});

describe('todayInShanghai', () => {
	it('turns the day at 16:00 UTC, whatever the machine TZ', () => {
		expect(todayInShanghai(new Date(Date.UTC(2026, 0, 31, 15, 59, 59)))).toBe('2026-01-31');
		expect(todayInShanghai(new Date(Date.UTC(2026, 0, 31, 16, 0, 0)))).toBe('2026-02-01');
		expect(todayInShanghai(new Date(Date.UTC(2026, 11, 31, 16, 30)))).toBe('2027-01-01');
	});

	it('gives the same answers when the process runs in another time zone', () => {
		const saved = process.env.TZ;
		// Synchronous on purpose: nothing else in this process can observe the changed TZ.
		try {
			for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai']) {
				process.env.TZ = tz;
				expect(todayInShanghai(new Date(Date.UTC(2026, 9, 31, 16, 0)))).toBe('2026-11-01');
				expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
				expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
				expect(weekday('2026-10-10')).toBe(6);
			}
		} finally {
			if (saved === undefined) delete process.env.TZ;
			else process.env.TZ = saved;
		}
	});
});
