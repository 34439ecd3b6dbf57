import { z } from 'zod';
import { isRowId } from './row-id';

// Field schemas every form and endpoint shares, so bad input is refused at the boundary with a
// Chinese message instead of reaching PostgreSQL (which rejects NUL in text, dates that do not
// exist and integers beyond its types with an error the person would see as a 500).

// C0 controls but tab, line feed and carriage return; DEL; lone surrogates; U+FFFD, which is what
// invalid UTF-8 becomes when a body is decoded: no one types it.
// eslint-disable-next-line no-control-regex
const UNREADABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const hasUnreadableCharacters = (s: string) => UNREADABLE.test(s);

export interface TextOptions {
	/** longest accepted, in characters after trimming */
	max: number;
	/** shortest accepted; 1 makes the field required */
	min?: number;
	/** false keeps the text as typed (an exam answer is stored exactly as the learner wrote it; grading normalises) */
	trim?: boolean;
}

/** Trimmed text: refuses control characters and broken encodings, and says how long it may be. */
export function text(label: string, { max, min = 0, trim = true }: TextOptions) {
	const base = z.string({ error: `请填写${label}` });
	let s = (trim ? base.trim() : base)
		.refine((v) => !hasUnreadableCharacters(v), `${label}含有无法识别的字符（可能是复制时带入的控制字符或编码错误），请删除后重新输入`)
		.max(max, `${label}不能超过 ${max} 个字`);
	if (min > 0) s = s.min(min, min === 1 ? `请填写${label}` : `${label}至少 ${min} 个字`);
	return s;
}

/** Text that may be left empty: a missing field is ''. */
export function optionalText(label: string, max: number) {
	return text(label, { max }).default('');
}

/** A date that exists on the calendar, as YYYY-MM-DD (what <input type="date"> sends). */
export function calendarDate(label: string) {
	return z
		.string({ error: `请填写${label}` })
		.trim()
		.superRefine((v, ctx) => {
			const message = calendarDateMessage(label, v);
			if (message) ctx.addIssue({ code: 'custom', message });
		});
}

/**
 * Why a date text is refused, or null if it is a date. A text shaped like YYYY-MM-DD whose day is
 * not on the calendar (2005-13-40) is told apart from a badly written one: telling its writer the
 * format is wrong would send them looking for the wrong mistake.
 */
export function calendarDateMessage(label: string, v: string): string | null {
	if (isCalendarDate(v)) return null;
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
	const y = m ? Number(m[1]) : 0;
	if (m && y >= 1900 && y <= 2200) return `${label}：日期不存在：${v}`;
	return `${label}不是有效的日期（格式为 年-月-日，如 2026-03-01）`;
}

export function isCalendarDate(v: string) {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	return y >= 1900 && y <= 2200 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The id of a row, as a form or URL sends it: a positive integer PostgreSQL's integer holds. */
export function id(label: string) {
	return z
		.string({ error: `缺少${label}` })
		.trim()
		.refine(isRowId, `${label}无效`)
		.transform(Number);
}

/** An id from a form field or URL parameter, or null when it is not one. */
export function parseId(v: FormDataEntryValue | string | null | undefined): number | null {
	return typeof v === 'string' && isRowId(v.trim()) ? Number(v.trim()) : null;
}

/** A form field as text ('' when missing or a file): for schemas that take plain objects. */
export function field(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
}
