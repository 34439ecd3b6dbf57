// Times on the authoring pages are Asia/Shanghai, whatever the browser's zone.
const zone = 'Asia/Shanghai';

const display = new Intl.DateTimeFormat('zh-CN', {
	timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
});

/** '2026-03-01 09:30' */
export function formatTime(value: Date | string | null | undefined) {
	if (!value) return '';
	const parts = Object.fromEntries(display.formatToParts(new Date(value)).map((p) => [p.type, p.value]));
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** A `datetime-local` value ('2026-03-01T09:30'), read as Shanghai time. */
export function parseLocalTime(value: string) {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
	const at = new Date(`${value}:00+08:00`);
	return Number.isNaN(at.getTime()) ? null : at;
}

/** The `datetime-local` value for a moment, in Shanghai time. */
export function toLocalInput(value: Date | string) {
	return formatTime(value).replace(' ', 'T');
}
