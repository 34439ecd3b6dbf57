// Exam times are entered and shown in Asia/Shanghai (UTC+8 all year), whatever zone the
// server or the browser runs in.
const OFFSET_MS = 8 * 60 * 60 * 1000;

const shown = new Intl.DateTimeFormat('zh-CN', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});
const shownSeconds = new Intl.DateTimeFormat('zh-CN', {
	timeZone: 'Asia/Shanghai',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

/** '2026/11/30 09:00' */
export function formatTime(d: Date | string | null | undefined) {
	return d ? shown.format(new Date(d)) : '';
}

/** '11/30 09:00:05': for attempt logs, where seconds matter. */
export function formatSeconds(d: Date | string | null | undefined) {
	return d ? shownSeconds.format(new Date(d)) : '';
}

/** A Date → the value of an <input type="datetime-local">, in Beijing time. */
export function toInputValue(d: Date | string | null | undefined) {
	return d ? new Date(new Date(d).getTime() + OFFSET_MS).toISOString().slice(0, 16) : '';
}

/** An <input type="datetime-local"> value read as Beijing time; null when malformed. */
export function fromInputValue(v: string) {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)) return null;
	const d = new Date(`${v.length === 16 ? `${v}:00` : v}+08:00`);
	return Number.isNaN(d.getTime()) ? null : d;
}

/** '1:05:09' or '05:09' for a countdown. */
export function formatDuration(ms: number) {
	const s = Math.max(0, Math.floor(ms / 1000));
	const h = Math.floor(s / 3600);
	const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
	const ss = String(s % 60).padStart(2, '0');
	return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
