import { addDays, addMonths, type CalendarDate } from '../dates';
import { approvalFor, asOf, meetingFor, monthsText, probationPeriod } from '../dossier-lookups';
import type { AppliedRule } from '../rule-types';
import type { CheckContext, CheckResult, PersonDossier } from '../types';
import { noticeCheck } from './notices';
import { cadence } from './periodic';
import { result, type CheckFn } from './result';

// What probation must show before the branch discusses 转正 (§1 steps 19–22): the person placed in
// a party group, the oath, the half-yearly 考察 and the thought reports through the probation, the
// written application at its end, and the 转正公示 where the school holds one.

interface Step {
	/** e.g. '入党宣誓' */
	what: string;
	/** Said when it is missing and the meeting is on record, e.g. '尚未入党宣誓'. */
	missing: string;
}

/**
 * A step due within `months` of the admission's approval and before the confirmation meeting:
 * missing blocks; taken after the deadline is shown (it was still taken).
 */
function afterApproval(d: PersonDossier, rule: AppliedRule<'placement' | 'oath'>, ctx: CheckContext, dates: readonly CalendarDate[], step: Step): CheckResult {
	const approval = approvalFor(d, 'admission');
	if (!approval) return result(rule, 'fail', `缺少党委审批接收预备党员的记录，无法核对${step.what}`);
	const { months } = rule.params;
	const limit = addMonths(approval.approvedOn, months);
	const meeting = meetingFor(d, 'confirmation')?.heldOn;
	const on = asOf(d, ctx.transition, ctx.today);
	const all = [...dates].sort();
	const taken = all.find((x) => x >= approval.approvedOn && x <= on);
	if (taken) {
		return taken <= limit
			? result(rule, 'pass', `${step.what}：${taken}（党委审批 ${approval.approvedOn}）`)
			: result(rule, 'warn', `${step.what}（${taken}）晚于党委审批（${approval.approvedOn}）后${monthsText(months)}（${limit}）`);
	}
	const early = all.filter((x) => x < approval.approvedOn).at(-1);
	if (early) return result(rule, 'fail', `${step.what}（${early}）早于党委审批（${approval.approvedOn}），请核对`);
	const late = all.find((x) => x > on);
	if (meeting && late) return result(rule, 'fail', `${step.what}（${late}）晚于讨论转正的支部大会（${meeting}），应在讨论转正前完成`);
	if (!meeting && ctx.today <= limit) return result(rule, 'pending', `应于 ${limit} 前${step.what}（党委审批 ${approval.approvedOn}）`, limit);
	return result(rule, 'fail', `${step.missing}，不能讨论转正`, meeting ? undefined : limit);
}

export const placement: CheckFn<'placement'> = (d, rule, ctx) =>
	afterApproval(d, rule, ctx, d.placements, { what: '编入党支部和党小组', missing: '尚未编入党支部和党小组' });

/** The oath precedes confirmation; cpc-2026 (第二十九条) wants it within a month of the approval. */
export const oath: CheckFn<'oath'> = (d, rule, ctx) => afterApproval(d, rule, ctx, d.oaths, { what: '入党宣誓', missing: '尚未入党宣誓' });

/** Through probation, counted from the admitting meeting: the same cadence as an activist's. */
function probationCadence(d: PersonDossier, rule: AppliedRule<'probation-evaluations' | 'probation-thought-reports'>, ctx: CheckContext, dates: readonly CalendarDate[], months: number, record: string, verb: string) {
	const start = meetingFor(d, 'admission')?.heldOn;
	if (!start) return result(rule, 'fail', `缺少接收预备党员的支部大会记录，无法核对预备期${record}`);
	const c = cadence(start, dates, asOf(d, ctx.transition, ctx.today), months);
	if (c.gap) return result(rule, 'fail', `${c.gap.after} 之后${monthsText(months)}内没有预备期${record}记录（应于 ${c.gap.dueBy} 前${verb}）`, c.gap.dueBy);
	const done = c.last ? `预备期已有${record}${c.count}次，最近一次 ${c.last}` : `预备期未满${monthsText(months)}，尚无${record}`;
	return result(rule, 'pass', `${done}；下次应于 ${c.nextDue} 前${verb}`, c.nextDue);
}

/** 预备期 考察 every half year (the branch's evaluation and the mentor's, as `evaluation` entries). */
export const probationEvaluations: CheckFn<'probation-evaluations'> = (d, rule, ctx) =>
	probationCadence(d, rule, ctx, d.evaluations, rule.params.maxGapMonths, '考察', '考察');

export const probationThoughtReports: CheckFn<'probation-thought-reports'> = (d, rule, ctx) =>
	probationCadence(d, rule, ctx, d.thoughtReports, rule.params.intervalMonths, '思想汇报', '提交');

/** 转正公示, where the school holds one: its working days run out before the meeting. */
export const confirmationNotice: CheckFn<'confirmation-notice'> = (d, rule, ctx) => noticeCheck(d, rule, ctx, 'confirmation', rule.params.workingDays);

/**
 * 书面转正申请 「预备期满时」: dated no earlier than `earliestDaysBefore` days before the (extended)
 * end of probation, and before the meeting that discusses it.
 */
export const confirmationApplication: CheckFn<'confirmation-application'> = (d, rule, ctx) => {
	// The one-year base is national and fixed (probation-1y); an extension lengthens it.
	const period = probationPeriod(d, 12);
	if (!period) return result(rule, 'fail', '缺少接收预备党员的支部大会记录，无法确定预备期满的日期');
	const earliest = addDays(period.endsOn, -rule.params.earliestDaysBefore);
	const meeting = meetingFor(d, 'confirmation')?.heldOn;
	const on = asOf(d, ctx.transition, ctx.today);
	const all = [...d.confirmationApplications].sort();
	const applied = all.filter((x) => x <= on).at(-1);
	if (applied) {
		return applied >= earliest
			? result(rule, 'pass', `预备期于 ${period.endsOn} 期满，本人于 ${applied} 提交书面转正申请`)
			: result(rule, 'fail', `转正申请（${applied}）过早：预备期于 ${period.endsOn} 期满，申请最早于 ${earliest} 提交`, earliest);
	}
	const late = all.find((x) => x > on);
	if (meeting && late) return result(rule, 'fail', `转正申请（${late}）晚于讨论转正的支部大会（${meeting}），应先申请后讨论`);
	if (meeting) return result(rule, 'fail', '缺少本人的书面转正申请，不能讨论转正');
	if (ctx.today < earliest) return result(rule, 'pending', `预备期于 ${period.endsOn} 期满，书面转正申请应于 ${earliest} 起提交`, earliest);
	return result(rule, 'fail', `预备期于 ${period.endsOn} 期满，尚未提交书面转正申请`, period.endsOn);
};
