import { addMonths, type CalendarDate } from '../dates';
import { asOf, decisionFor, monthsText } from '../dossier-lookups';
import { result, type CheckFn } from './result';

export interface Cadence {
	/** The first period without a record, if any. */
	gap: { after: CalendarDate; dueBy: CalendarDate } | null;
	count: number;
	last: CalendarDate | null;
	/** Counted from the last record, so a gap long past does not keep the next one "overdue". */
	nextDue: CalendarDate;
}

/** Records from `start` to `until` must follow each other (and `start`) within `months`. */
export function cadence(start: CalendarDate, dates: readonly CalendarDate[], until: CalendarDate, months: number): Cadence {
	const inRange = dates.filter((x) => x >= start && x <= until).sort();
	const last = inRange.at(-1) ?? null;
	const nextDue = addMonths(last ?? start, months);
	let previous = start;
	for (const date of inRange) {
		const dueBy = addMonths(previous, months);
		if (date > dueBy) return { gap: { after: previous, dueBy }, count: inRange.length, last, nextDue };
		previous = date;
	}
	const gap = until > nextDue ? { after: previous, dueBy: nextDue } : null;
	return { gap, count: inRange.length, last, nextDue };
}

/** 第十一条: the branch evaluates an activist every half year, from the day they became one. */
export const evaluations: CheckFn<'evaluations'> = (d, rule, ctx) => {
	const since = decisionFor(d, 'activist')?.decidedOn;
	if (!since) return result(rule, 'fail', '缺少确定为入党积极分子的记录，无法核对半年考察');
	const months = rule.params.maxGapMonths;
	const c = cadence(since, d.evaluations, asOf(d, ctx.transition, ctx.today), months);
	if (c.gap) {
		return result(rule, 'fail', `${c.gap.after} 之后${monthsText(months)}内没有培养教育考察记录（应于 ${c.gap.dueBy} 前考察）`, c.gap.dueBy);
	}
	const done = c.last ? `已考察${c.count}次，最近一次 ${c.last}` : '成为入党积极分子未满半年，尚无考察';
	return result(rule, 'pass', `${done}；下次应于 ${c.nextDue} 前考察`, c.nextDue);
};

export const thoughtReports: CheckFn<'thought-reports'> = (d, rule, ctx) => {
	const since = decisionFor(d, 'activist')?.decidedOn;
	if (!since) return result(rule, 'fail', '缺少确定为入党积极分子的记录，无法核对思想汇报');
	const months = rule.params.intervalMonths;
	const c = cadence(since, d.thoughtReports, asOf(d, ctx.transition, ctx.today), months);
	if (c.gap) return result(rule, 'fail', `${c.gap.after} 之后${monthsText(months)}内没有思想汇报（应于 ${c.gap.dueBy} 前提交）`, c.gap.dueBy);
	return result(rule, 'pass', `已提交思想汇报${c.count}次；下次应于 ${c.nextDue} 前提交`, c.nextDue);
};
