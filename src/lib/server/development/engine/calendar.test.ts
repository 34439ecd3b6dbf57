import { describe, expect, it } from 'vitest';
import { addWorkingDays, compileCalendar, isWorkingDay, noticeEndDate, workingDaysBetween } from './calendar';
import { officialCalendarData, validateCalendarData } from './calendar-data';
import { calendar } from '../../../../test-support/development-engine';

describe('official calendar data', () => {
	it('passes its own validation', () => {
		expect(validateCalendarData(officialCalendarData)).toEqual([]);
	});

	it('has the 2026 arrangement of the State Council notice', () => {
		// Holidays and make-up working days (调休) of 国务院办公厅关于2026年部分节假日安排的通知.
		for (const off of ['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-23', '2026-04-06', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-07'])
			expect(isWorkingDay(off, calendar).value, off).toBe(false);
		for (const on of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10', '2026-10-08'])
			expect(isWorkingDay(on, calendar).value, on).toBe(true);
	});

	it('has the 2025 arrangement, including 9 days of 国庆节、中秋节', () => {
		expect(workingDaysBetween('2025-10-01', '2025-10-08', calendar).value).toBe(0);
		expect(isWorkingDay('2025-09-28', calendar).value).toBe(true);
		expect(isWorkingDay('2025-10-11', calendar).value).toBe(true);
		expect(isWorkingDay('2025-01-26', calendar).value).toBe(true);
	});
});

describe('validateCalendarData', () => {
	it('explains mistakes in Chinese', () => {
		const errors = validateCalendarData([
			{ year: 2027, source: 'x', periods: [{ name: '春节', from: '2027-02-10', to: '2027-02-05', makeUpWorkdays: ['2027-02-08'] }] },
			{ year: 2027, source: 'x', periods: [{ name: '国庆节', from: '2027-10-01', to: '2027-10-07', makeUpWorkdays: ['2027-10-06'] }] }
		]);
		expect(errors).toContain('2027年「春节」的开始日期晚于结束日期');
		expect(errors).toContain('调休上班日 2027-02-08 不是周六或周日');
		expect(errors).toContain('调休上班日 2027-10-06 不是周六或周日');
		expect(errors).toContain('2027-10-06 既是放假日又是调休上班日');
		expect(errors).toContain('2027年的节假日安排重复');
	});

	it('rejects a malformed date', () => {
		expect(validateCalendarData([{ year: 2027, source: 'x', periods: [{ name: '元旦', from: '2027-1-1', to: '2027-01-01', makeUpWorkdays: [] }] }])).toEqual([
			'日期格式应为 YYYY-MM-DD'
		]);
	});
});

describe('addWorkingDays', () => {
	it('skips National Day 2026 and counts its Saturday make-up day', () => {
		// Tue 29 Sep, Wed 30 Sep, then 1–7 Oct off, Thu 8, Fri 9, Sat 10 (调休上班).
		expect(addWorkingDays('2026-09-28', 5, calendar)).toEqual({ value: '2026-10-10', missingYears: [] });
	});

	it('skips Spring Festival 2026 and counts its Saturday make-up days', () => {
		// Fri 13 Feb; Sat 14 Feb works; 15–23 Feb off; Tue 24 … Fri 27; Sat 28 works.
		expect(addWorkingDays('2026-02-13', 1, calendar).value).toBe('2026-02-14');
		expect(addWorkingDays('2026-02-13', 5, calendar).value).toBe('2026-02-27');
		expect(addWorkingDays('2026-02-13', 6, calendar).value).toBe('2026-02-28');
		expect(addWorkingDays('2026-02-13', 7, calendar).value).toBe('2026-03-02');
	});

	it('counts backwards', () => {
		expect(addWorkingDays('2026-10-08', -1, calendar).value).toBe('2026-09-30');
		expect(addWorkingDays('2026-10-10', 0, calendar).value).toBe('2026-10-10');
	});

	it('says which years it had to assume', () => {
		const answer = addWorkingDays('2026-12-30', 5, calendar);
		expect(answer.missingYears).toEqual([2027]);
		expect(answer.value).toBe('2027-01-06');
		expect(addWorkingDays('2026-12-28', 3, calendar).missingYears).toEqual([]);
	});
});

describe('workingDaysBetween', () => {
	it('includes both ends', () => {
		expect(workingDaysBetween('2026-09-21', '2026-09-25', calendar).value).toBe(4);
		expect(workingDaysBetween('2026-09-20', '2026-09-20', calendar).value).toBe(1);
		expect(workingDaysBetween('2026-10-01', '2026-10-07', calendar).value).toBe(0);
		expect(workingDaysBetween('2026-10-02', '2026-10-01', calendar).value).toBe(0);
	});

	it('matches addWorkingDays over the whole of 2026', () => {
		const mismatches: string[] = [];
		for (let n = 1; n <= 240; n++) {
			const end = addWorkingDays('2025-12-31', n, calendar).value;
			if (workingDaysBetween('2026-01-01', end, calendar).value !== n) mismatches.push(end);
		}
		expect(mismatches).toEqual([]);
		// 261 weekdays − 19 weekday holidays + 6 make-up Saturdays/Sundays.
		expect(workingDaysBetween('2026-01-01', '2026-12-31', calendar).value).toBe(248);
	});

	it('flags a missing year', () => {
		// 30–31 Dec 2024 assumed working (2024 not shipped), 1 Jan 2025 off, 2–3 Jan working.
		expect(workingDaysBetween('2024-12-30', '2025-01-03', calendar)).toEqual({ value: 4, missingYears: [2024] });
	});
});

describe('noticeEndDate', () => {
	it('counts the start day when it is a working day', () => {
		expect(noticeEndDate('2026-09-21', 5, calendar).value).toBe('2026-09-28');
		expect(noticeEndDate('2026-12-07', 5, calendar).value).toBe('2026-12-11');
	});

	it('starts counting on the next working day when posted on a holiday', () => {
		// Thu 8, Fri 9, Sat 10 (调休上班), Mon 12, Tue 13 Oct.
		expect(noticeEndDate('2026-10-03', 5, calendar).value).toBe('2026-10-13');
	});

	it('works on an admin-supplied calendar without the official data', () => {
		const custom = compileCalendar([{ year: 2026, source: '校历', periods: [{ name: '校庆', from: '2026-05-20', to: '2026-05-20', makeUpWorkdays: [] }] }]);
		expect(noticeEndDate('2026-05-18', 5, custom).value).toBe('2026-05-25');
	});
});
