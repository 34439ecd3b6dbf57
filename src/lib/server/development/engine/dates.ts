/** 'YYYY-MM-DD', as PostgreSQL's `date` columns are read (db/schema.ts names the same type for its tables). */
export type CalendarDate = string;

// Calendar dates stay 'YYYY-MM-DD' strings end to end (that is what the database hands us), and all
// arithmetic is on UTC day numbers computed with integers: local-time Date methods would shift a
// date by one whenever the server's TZ is not Asia/Shanghai, and date-fns works in local time.

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export interface DateParts {
	year: number;
	month: number; // 1–12
	day: number;
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(year: number, month: number): number {
	return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

// Hand-rolled digit reading instead of a regex: set-based callers parse a few million dates.
function digits(s: string, from: number, to: number): number {
	let n = 0;
	for (let i = from; i < to; i++) {
		const c = s.charCodeAt(i) - 48;
		if (c < 0 || c > 9) return -1;
		n = n * 10 + c;
	}
	return n;
}

export function parseDate(date: CalendarDate): DateParts {
	if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
		const year = digits(date, 0, 4);
		const month = digits(date, 5, 7);
		const day = digits(date, 8, 10);
		if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return { year, month, day };
	}
	throw new RangeError(`Invalid calendar date "${date}" (expected YYYY-MM-DD)`);
}

export function isCalendarDate(value: unknown): value is CalendarDate {
	if (typeof value !== 'string') return false;
	try {
		parseDate(value);
		return true;
	} catch {
		return false;
	}
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function formatDate({ year, month, day }: DateParts): CalendarDate {
	return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

// A school's dossiers hold a few thousand distinct dates, and the checks do the same arithmetic on
// them for every person (3.8 million checks for 100,000 people): the answers are remembered, so a
// repeated one costs a look-up instead of a parse, a format and a new string for the collector.
// Pure (same input, same answer; a malformed date still throws, it is never stored) and bounded.
const MEMO_LIMIT = 50_000;
const dayNumbers = new Map<CalendarDate, number>();
const monthSums = new Map<number, Map<CalendarDate, CalendarDate>>();
const daySums = new Map<number, Map<CalendarDate, CalendarDate>>();
let memoSize = 0;

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
	if (++memoSize > MEMO_LIMIT) {
		dayNumbers.clear();
		monthSums.clear();
		daySums.clear();
		memoSize = 1;
	}
	map.set(key, value);
	return value;
}

function sumsFor(table: Map<number, Map<CalendarDate, CalendarDate>>, n: number): Map<CalendarDate, CalendarDate> {
	let m = table.get(n);
	if (!m) table.set(n, (m = new Map()));
	return m;
}

/** Days since 1970-01-01 (proleptic Gregorian, i.e. UTC days); the working-day calendar is keyed by these. */
export function toDayNumber(date: CalendarDate): number {
	const known = dayNumbers.get(date);
	return known !== undefined ? known : remember(dayNumbers, date, computeDayNumber(date));
}

function computeDayNumber(date: CalendarDate): number {
	const { year, month, day } = parseDate(date);
	// days_from_civil (H. Hinnant): integer arithmetic, no Date object, no time zone.
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

export function partsOfDayNumber(dayNumber: number): DateParts {
	const z = dayNumber + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The year alone, without allocating: the calendar asks this for every day it walks. */
export function yearOfDayNumber(dayNumber: number): number {
	const z = dayNumber + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	return yoe + era * 400 + (doy >= 306 ? 1 : 0);
}

export function fromDayNumber(dayNumber: number): CalendarDate {
	return formatDate(partsOfDayNumber(dayNumber));
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(dayNumber: number): number {
	return (((dayNumber + 4) % 7) + 7) % 7;
}

export function weekday(date: CalendarDate): number {
	return weekdayOfDayNumber(toDayNumber(date));
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
	const sums = sumsFor(daySums, days);
	const known = sums.get(date);
	return known !== undefined ? known : remember(sums, date, fromDayNumber(toDayNumber(date) + days));
}

/** Calendar months, clamped to the month's end: 2026-01-31 + 1 month = 2026-02-28. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
	const sums = sumsFor(monthSums, months);
	const known = sums.get(date);
	return known !== undefined ? known : remember(sums, date, computeAddMonths(date, months));
}

function computeAddMonths(date: CalendarDate, months: number): CalendarDate {
	const { year, month, day } = parseDate(date);
	const index = year * 12 + (month - 1) + months;
	const y = Math.floor(index / 12);
	const m = index - y * 12 + 1;
	return formatDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** `to − from` in days: positive when `to` is later. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
	return toDayNumber(to) - toDayNumber(from);
}

/** ISO dates order as strings; validating first keeps a malformed value from comparing "correctly". */
export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
	parseDate(a);
	parseDate(b);
	return a < b ? -1 : a > b ? 1 : 0;
}

export function isBefore(a: CalendarDate, b: CalendarDate): boolean {
	return compareDates(a, b) < 0;
}

export function isAfter(a: CalendarDate, b: CalendarDate): boolean {
	return compareDates(a, b) > 0;
}

export function sameMonth(a: CalendarDate, b: CalendarDate): boolean {
	const x = parseDate(a);
	const y = parseDate(b);
	return x.year === y.year && x.month === y.month;
}

/**
 * Full years (周岁) on `on`. The birthday itself counts as reached; a 29 February birthday is
 * reached on 1 March in common years, so an age limit is never met a day early.
 */
export function ageOn(birthDate: CalendarDate, on: CalendarDate): number {
	const b = parseDate(birthDate);
	const o = parseDate(on);
	const beforeBirthday = o.month < b.month || (o.month === b.month && o.day < b.day);
	return o.year - b.year - (beforeBirthday ? 1 : 0);
}

/** The date on which someone born on `birthDate` reaches `years` 周岁 (see ageOn). */
export function birthdayOfAge(birthDate: CalendarDate, years: number): CalendarDate {
	const b = parseDate(birthDate);
	const year = b.year + years;
	if (b.month === 2 && b.day === 29 && daysInMonth(year, 2) === 28) return formatDate({ year, month: 3, day: 1 });
	return formatDate({ year, month: b.month, day: b.day });
}

/** The Shanghai calendar date of an instant (the site's one time module, lib/time/shanghai.ts). */
export { shanghaiDate as todayInShanghai } from '$lib/time/shanghai';
