// Session times are entered and shown in Asia/Shanghai, whatever zone the server runs in.
// China has kept UTC+8 without daylight saving since 1991, so the offset is a constant and
// nothing here may touch the process's local zone (Date#getHours, new Date('YYYY-MM-DDTHH:mm')).
const OFFSET_MS = 8 * 60 * 60 * 1000;
const MINUTE = 60_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;

const pad = (n: number) => String(n).padStart(2, '0');
const weekdays = ['日', '一', '二', '三', '四', '五', '六'];

/** 'YYYY-MM-DDTHH:mm' (a datetime-local value) read as Shanghai time; null if not a real time. */
export function parseShanghai(local: string, addDays = 0): Date | null {
	const m = LOCAL.exec(local.trim());
	if (!m) return null;
	const [y, mo, d, h, mi] = m.slice(1).map(Number);
	if (h > 23 || mi > 59) return null;
	const utc = Date.UTC(y, mo - 1, d, h, mi);
	// Date.UTC rolls 2026-02-30 over to March: reject dates that do not exist.
	const check = new Date(utc);
	if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
	return new Date(utc + addDays * 24 * 60 * MINUTE - OFFSET_MS);
}

/** The Shanghai wall-clock fields of an instant. */
function fields(at: Date) {
	const s = new Date(at.getTime() + OFFSET_MS);
	return { y: s.getUTCFullYear(), mo: s.getUTCMonth() + 1, d: s.getUTCDate(), h: s.getUTCHours(), mi: s.getUTCMinutes(), wd: s.getUTCDay() };
}

/** The value for an <input type="datetime-local">: 'YYYY-MM-DDTHH:mm' in Shanghai. */
export function toShanghaiInput(at: Date) {
	const f = fields(at);
	return `${f.y}-${pad(f.mo)}-${pad(f.d)}T${pad(f.h)}:${pad(f.mi)}`;
}

/** The Shanghai calendar date, 'YYYY-MM-DD'. */
export function shanghaiDate(at: Date) {
	return toShanghaiInput(at).slice(0, 10);
}

export function formatTime(at: Date) {
	const f = fields(at);
	return `${pad(f.h)}:${pad(f.mi)}`;
}

/** '2026-03-02（周一）19:00' */
export function formatDateTime(at: Date) {
	const f = fields(at);
	return `${f.y}-${pad(f.mo)}-${pad(f.d)}（周${weekdays[f.wd]}）${pad(f.h)}:${pad(f.mi)}`;
}

/** '2026-03-02（周一）19:00–21:00', with the end's date when it falls on another day. */
export function formatRange(start: Date, end: Date) {
	const sameDay = shanghaiDate(start) === shanghaiDate(end);
	return `${formatDateTime(start)}–${sameDay ? formatTime(end) : formatDateTime(end)}`;
}

export function addMinutes(at: Date, minutes: number) {
	return new Date(at.getTime() + minutes * MINUTE);
}
