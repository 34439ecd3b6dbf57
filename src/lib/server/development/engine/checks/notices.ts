import { noticeEndDate } from '../calendar';
import { asOf, decidedOn, latest } from '../dossier-lookups';
import type { AppliedRule, CheckId } from '../rule-types';
import type { CheckContext, CheckResult, NoticeKind, PersonDossier } from '../types';
import { result, type CheckFn } from './result';

const labels: Record<NoticeKind, { notice: string; decision: string }> = {
	candidate: { notice: '发展对象公示', decision: '确定为发展对象' },
	admission: { notice: '接收预备党员公示', decision: '支部大会' },
	confirmation: { notice: '转正公示', decision: '支部大会' }
};

/**
 * A notice must have run its full length in working days before the decision it precedes. Where the
 * calendar lacks a year the end date is estimated from weekends and the answer says so (never silent).
 */
export function noticeCheck(d: PersonDossier, rule: AppliedRule<CheckId>, ctx: CheckContext, kind: NoticeKind, required: number): CheckResult {
	const { notice, decision } = labels[kind];
	const on = asOf(d, ctx.transition, ctx.today);
	const n = latest(d.publicNotices, (x) => x.startsOn, (x) => x.kind === kind && x.startsOn <= on);
	if (!n) return result(rule, 'fail', `尚未进行${notice}（须不少于${required}个工作日）`);
	if (!Number.isInteger(n.workingDays) || n.workingDays < 1) return result(rule, 'fail', `${notice}的公示天数登记有误（${n.workingDays}），请核对`);
	if (n.workingDays < required) return result(rule, 'fail', `${notice}为${n.workingDays}个工作日，少于规定的${required}个工作日`);
	if (n.unresolvedObjections) return result(rule, 'fail', `${notice}期间收到的反映尚未核实处理`);
	const end = noticeEndDate(n.startsOn, n.workingDays, ctx.calendar);
	const missing = end.missingYears.length ? `（工作日历缺失：${end.missingYears.join('、')}年，期满日按周末估算，请核对）` : '';
	const span = `${notice}自 ${n.startsOn} 起${n.workingDays}个工作日，至 ${end.value} 期满`;
	const decided = decidedOn(d, ctx.transition);
	if (decided !== undefined && decided <= end.value) {
		return result(rule, 'fail', `${span}；${decision}于 ${decided}，早于公示期满${missing}`, end.value);
	}
	if (decided === undefined && ctx.today <= end.value) return result(rule, 'pending', `公示中：${span}${missing}`, end.value);
	if (missing) return result(rule, 'warn', `${span}${missing}`, end.value);
	return result(rule, 'pass', span);
}

export const candidateNotice: CheckFn<'candidate-notice'> = (d, rule, ctx) => noticeCheck(d, rule, ctx, 'candidate', rule.params.workingDays);

export const admissionNotice: CheckFn<'admission-notice'> = (d, rule, ctx) => noticeCheck(d, rule, ctx, 'admission', rule.params.workingDays);
