import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { shanghaiDate } from '$lib/time/shanghai';

// Serial numbers from a pattern such as '{prefix}-{year}-{cohortNo}-{seq:4}' → 'DX-2026-45-0012'.
// The sequence counts per scope: the serial with its sequence blanked ('DX-2026-45-#'), so each
// cohort and year starts at 1 and two patterns can never hand out the same serial.

const TOKEN = /\{(prefix|year|cohortNo|cohortId|courseCode|seq)(?::(\d))?\}/g;

export interface SerialVars {
	prefix: string;
	year: number;
	cohortNo: string;
	cohortId: number;
	courseCode: string;
}

/** A Chinese message if the pattern cannot make unique serials, else null. */
export function patternProblem(pattern: string): string | null {
	if (pattern.length > 80) return '编号格式不能超过 80 个字符';
	const seq = [...pattern.matchAll(TOKEN)].filter((m) => m[1] === 'seq');
	if (seq.length !== 1) return '编号格式必须且只能包含一个 {seq}（可写作 {seq:4} 表示补零到 4 位）';
	const rest = pattern.replace(TOKEN, '');
	if (/[{}]/.test(rest)) return '编号格式中有无法识别的占位符，可用：{prefix} {year} {cohortNo} {cohortId} {courseCode} {seq:4}';
	if (/[\s/\\?#%]/.test(rest)) return '编号格式不能包含空格或 / \\ ? # % 等字符';
	return null;
}

/** '第45期入党积极分子培训班' → '45'; a cohort without a number in its name uses its id. */
export function cohortNumber(name: string, id: number) {
	return /第\s*(\d+)\s*期/.exec(name)?.[1] ?? String(id);
}

export function serialFormat(pattern: string, vars: SerialVars) {
	const fill = (seq: number | null) =>
		pattern.replace(TOKEN, (_, name: string, width?: string) => {
			if (name === 'seq') return seq === null ? '#' : String(seq).padStart(Number(width ?? 1), '0');
			return String(vars[name as keyof SerialVars]);
		});
	return { scope: fill(null), serial: (seq: number) => fill(seq) };
}

/**
 * Reserves `count` consecutive numbers of a scope and returns the first. The upsert locks the
 * counter row until the caller's transaction ends: concurrent issuers queue, none share a number,
 * and a rolled-back issue gives its numbers back.
 */
/** The school's serial pattern filled in for certificates of this cohort's course issued at `issuedAt` (the year is Shanghai's). */
export function cohortSerialFormat(settings: { pattern: string; prefix: string }, cohort: { id: number; name: string }, courseCode: SerialVars['courseCode'], issuedAt: Date) {
	return serialFormat(settings.pattern, {
		prefix: settings.prefix,
		year: Number(shanghaiDate(issuedAt).slice(0, 4)),
		cohortNo: cohortNumber(cohort.name, cohort.id),
		cohortId: cohort.id,
		courseCode
	});
}

export async function reserveSerials(trx: Transaction<Database>, scope: string, count: number) {
	const { rows } = await sql<{ lastValue: number }>`
		insert into certificate_sequence (scope, last_value) values (${scope}, ${count})
		on conflict (scope) do update set last_value = certificate_sequence.last_value + excluded.last_value
		returning last_value`.execute(trx);
	return Number(rows[0].lastValue) - count + 1;
}
