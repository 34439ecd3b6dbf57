import { meetingFor, monthsText, probationPeriod } from '../dossier';
import { elapsed, result, type CheckFn } from './result';

/** 第三十二条: probation is a year from the admitting branch meeting, plus any extension. */
export const probationYear: CheckFn<'probation-1y'> = (d, rule, ctx) => {
	const period = probationPeriod(d, rule.params.months);
	if (!period) return result(rule, 'fail', '缺少接收预备党员的支部大会记录，无法确定预备期起算日');
	const extension = d.probationExtensions.reduce((sum, e) => sum + e.months, 0);
	return elapsed(rule, period.endsOn, meetingFor(d, 'confirmation')?.heldOn, ctx.today, {
		subject: extension ? `预备期（含延长${extension}个月）` : '预备期',
		reached: extension ? '期满' : `满${monthsText(rule.params.months)}`,
		decision: '讨论转正的支部大会'
	});
};

/** Extension once only, by 6–12 months; the extension being decided is the last one in the dossier. */
export const extensionOnce: CheckFn<'extension-once'> = (d, rule) => {
	const { maxExtensions, minMonths, maxMonths } = rule.params;
	const list = [...d.probationExtensions].sort((a, b) => (a.decidedOn < b.decidedOn ? -1 : 1));
	const current = list.at(-1);
	if (!current) return result(rule, 'fail', '未登记本次延长预备期的期限');
	if (list.length > maxExtensions) {
		return result(rule, 'fail', `预备期只能延长${maxExtensions}次，此前已于 ${list[0].decidedOn} 延长${list[0].months}个月`);
	}
	if (current.months < minMonths || current.months > maxMonths) {
		return result(rule, 'fail', `延长期限为${current.months}个月，应为${minMonths}–${maxMonths}个月`);
	}
	// The one-year base is national and fixed (probation-1y), so it is not a parameter here.
	const period = probationPeriod(d, 12);
	const until = period ? `，预备期至 ${period.endsOn} 期满` : '';
	return result(rule, 'pass', `延长预备期${current.months}个月${until}`);
};
