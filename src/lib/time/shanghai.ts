// Every time a person enters or reads is Asia/Shanghai wall-clock time, whatever zone the server
// or the browser runs in: the zone comes from @date-fns/tz, the formatting from date-fns, and
// nothing here reads the process's local zone. Browser code imports this too. The development
// rules' calendar-date arithmetic ('YYYY-MM-DD' strings) is lib/server/development/engine/dates.ts.
import { tz } from '@date-fns/tz';
import { format, isValid, parse } from 'date-fns';
import { zhCN } from 'date-fns/locale';

export const SHANGHAI = 'Asia/Shanghai';
const inShanghai = tz(SHANGHAI);

type Instant = Date | string | number;

/** An instant as Shanghai wall-clock time, in a date-fns pattern (Chinese names for weekdays). */
export function formatShanghai(at: Instant, pattern: string): string {
	return format(new Date(at), pattern, { in: inShanghai, locale: zhCN });
}

// The days of the last few calls and the instants they span: most calls ask for today, and
// formatting costs ~20 µs, as much as a fast route's whole answer. A few, not one: a page that
// asks for today and for a session's day (shanghaiRange) would otherwise evict one with the other
// on every request (measured: two thirds of the learner home page's load).
const DAYS_KEPT = 8;
const days: { from: number; to: number; date: string }[] = [];

/** The Shanghai calendar date, 'YYYY-MM-DD' (today's without an argument). */
export function shanghaiDate(at: Instant = new Date()): string {
	const ms = new Date(at).getTime();
	for (const day of days) if (ms >= day.from && ms < day.to) return day.date;
	const date = formatShanghai(ms, 'yyyy-MM-dd');
	const from = parse(date, 'yyyy-MM-dd', new Date(0), { in: inShanghai }).getTime();
	const next = formatShanghai(from + 36 * 3_600_000, 'yyyy-MM-dd');
	days.unshift({ from, to: parse(next, 'yyyy-MM-dd', new Date(0), { in: inShanghai }).getTime(), date });
	if (days.length > DAYS_KEPT) days.pop();
	return date;
}

/** '19:00' */
export function shanghaiTime(at: Instant): string {
	return formatShanghai(at, 'HH:mm');
}

/** '2026-03-02 19:00'; '' for no time. */
export function shanghaiDateTime(at: Instant | null | undefined): string {
	return at == null || at === '' ? '' : formatShanghai(at, 'yyyy-MM-dd HH:mm');
}

/** '03-02 19:00:05': for logs where the seconds matter; '' for no time. */
export function shanghaiSeconds(at: Instant | null | undefined): string {
	return at == null || at === '' ? '' : formatShanghai(at, 'MM-dd HH:mm:ss');
}

/** '2026-03-02（周一）19:00' */
export function shanghaiDayTime(at: Instant): string {
	return formatShanghai(at, "yyyy-MM-dd（'周'EEEEE）HH:mm");
}

/** '2026-03-02（周一）19:00–21:00', with the end's date when it falls on another day. */
export function shanghaiRange(start: Instant, end: Instant): string {
	const sameDay = shanghaiDate(start) === shanghaiDate(end);
	return `${shanghaiDayTime(start)}–${sameDay ? shanghaiTime(end) : shanghaiDayTime(end)}`;
}

/** The value of an <input type="datetime-local">: 'YYYY-MM-DDTHH:mm' in Shanghai; '' for no time. */
export function toShanghaiInput(at: Instant | null | undefined): string {
	return at == null || at === '' ? '' : formatShanghai(at, "yyyy-MM-dd'T'HH:mm");
}

const LOCAL = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/;

/**
 * A datetime-local value ('YYYY-MM-DDTHH:mm', a space for the T, optional seconds) read as
 * Shanghai time; null when it is malformed or names a time that does not exist (2026-02-30,
 * 24:00), rather than rolling it over as `new Date()` does.
 */
export function parseShanghai(local: string): Date | null {
	const value = local.trim().replace(' ', 'T');
	if (!LOCAL.test(value)) return null;
	const pattern = value.length === 16 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss";
	const at = parse(value, pattern, new Date(0), { in: inShanghai });
	return isValid(at) ? new Date(at.getTime()) : null;
}
