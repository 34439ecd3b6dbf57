import type { SubmissionKind } from './table';

// The period a submission answers for: 思想汇报 each quarter, the mentor's opinion and evaluation
// each half year (第十一条), an application once (its day keeps a returned one re-submittable).

export function periodOf(kind: SubmissionKind, today: string) {
	const year = today.slice(0, 4);
	const month = Number(today.slice(5, 7));
	if (kind === 'thought_report') return `${year}-Q${Math.ceil(month / 3)}`;
	if (kind === 'application') return today;
	return `${year}-H${month <= 6 ? 1 : 2}`;
}

/** The first and last day of a quarter or half-year period. */
export function periodRange(period: string): [string, string] {
	const [year, part] = period.split('-');
	const n = Number(part.slice(1));
	const months = part.startsWith('Q') ? 3 : 6;
	const first = (n - 1) * months + 1;
	const last = first + months - 1;
	const end = new Date(Date.UTC(Number(year), last, 0)).getUTCDate();
	return [`${year}-${String(first).padStart(2, '0')}-01`, `${year}-${String(last).padStart(2, '0')}-${end}`];
}

export function periodLabel(period: string) {
	const m = /^(\d{4})-(Q|H)(\d)$/.exec(period);
	if (!m) return period;
	return m[2] === 'Q' ? `${m[1]}年第${m[3]}季度` : `${m[1]}年${m[3] === '1' ? '上' : '下'}半年`;
}
