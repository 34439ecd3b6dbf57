import { addDays, toDayNumber, fromDayNumber, weekdayOfDayNumber, yearOfDayNumber, type CalendarDate } from './dates';
import type { CalendarData } from './calendar-data/schema';

export type { CalendarData };

/**
 * The holiday arrangement compiled once into sets of day numbers, so that evaluating thousands of
 * people costs set look-ups, not re-parsing the admin's JSON for every notice.
 */
export interface WorkingCalendar {
	readonly years: ReadonlySet<number>;
	readonly offDays: ReadonlySet<number>;
	readonly makeUpWorkdays: ReadonlySet<number>;
}

/** Every answer that walks the calendar says which years it had to assume (weekends only). */
export interface CalendarAnswer<T> {
	value: T;
	missingYears: number[];
}

export function compileCalendar(data: CalendarData): WorkingCalendar {
	const years = new Set<number>();
	const offDays = new Set<number>();
	const makeUpWorkdays = new Set<number>();
	for (const arrangement of data) {
		years.add(arrangement.year);
		for (const period of arrangement.periods) {
			for (let d = toDayNumber(period.from); d <= toDayNumber(period.to); d++) offDays.add(d);
			for (const day of period.makeUpWorkdays) makeUpWorkdays.add(toDayNumber(day));
		}
	}
	return { years, offDays, makeUpWorkdays };
}

function isWorkingDayNumber(dayNumber: number, calendar: WorkingCalendar, missing: number[]): boolean {
	const year = yearOfDayNumber(dayNumber);
	if (!calendar.years.has(year) && !missing.includes(year)) missing.push(year);
	if (calendar.makeUpWorkdays.has(dayNumber)) return true;
	if (calendar.offDays.has(dayNumber)) return false;
	const weekday = weekdayOfDayNumber(dayNumber);
	return weekday !== 0 && weekday !== 6;
}

const sorted = (years: number[]) => (years.length > 1 ? years.sort((a, b) => a - b) : years);

export function isWorkingDay(date: CalendarDate, calendar: WorkingCalendar): CalendarAnswer<boolean> {
	const missing: number[] = [];
	const value = isWorkingDayNumber(toDayNumber(date), calendar, missing);
	return { value, missingYears: sorted(missing) };
}

/** The date `n` working days after `date` (before it when n < 0); `date` itself is not counted. */
export function addWorkingDays(date: CalendarDate, n: number, calendar: WorkingCalendar): CalendarAnswer<CalendarDate> {
	if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer, got ${n}`);
	const missing: number[] = [];
	const step = n < 0 ? -1 : 1;
	let day = toDayNumber(date);
	// Official off periods are at most a few weeks, so a run of non-working days this long means broken data.
	for (let counted = 0, guard = 0; counted < Math.abs(n); guard++) {
		if (guard > Math.abs(n) * 7 + 366) throw new Error('working-day calendar has no working days in range');
		day += step;
		if (isWorkingDayNumber(day, calendar, missing)) counted++;
	}
	return { value: fromDayNumber(day), missingYears: sorted(missing) };
}

/** Working days d with from ≤ d ≤ to (both ends included); 0 when `to` is before `from`. */
export function workingDaysBetween(from: CalendarDate, to: CalendarDate, calendar: WorkingCalendar): CalendarAnswer<number> {
	const missing: number[] = [];
	let count = 0;
	for (let d = toDayNumber(from), end = toDayNumber(to); d <= end; d++) if (isWorkingDayNumber(d, calendar, missing)) count++;
	return { value: count, missingYears: sorted(missing) };
}

/**
 * Last day of a public notice of `workingDays` working days starting on `startsOn`: the start day counts
 * when it is itself a working day (a notice posted on a Saturday starts counting on Monday).
 */
export function noticeEndDate(startsOn: CalendarDate, workingDays: number, calendar: WorkingCalendar): CalendarAnswer<CalendarDate> {
	if (workingDays < 1) throw new RangeError('a notice lasts at least one working day');
	return addWorkingDays(addDays(startsOn, -1), workingDays, calendar);
}
