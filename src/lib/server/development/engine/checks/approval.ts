import { addMonths } from '../dates';
import { approvalFor, meetingFor, meetingPurposeOf } from '../dossier-lookups';
import type { AppliedRule } from '../rule-types';
import type { Approval, CalendarDate } from '../types';
import { probationDecisionApproval } from './probation';
import { result, type CheckFn } from './result';

/** Only a committee (党委) approves; a general branch reviews but has no power to approve. */
export const approver: CheckFn<'approver'> = (d, rule, ctx) => {
	const purpose = meetingPurposeOf[ctx.transition] ?? 'admission';
	const a = approvalFor(d, purpose);
	if (!a) return result(rule, 'pending', '待上级党委审批');
	return a.approverKind === 'committee'
		? result(rule, 'pass', `党委于 ${a.approvedOn} 审批`)
		: result(rule, 'fail', `审批机关为党总支（${a.approvedOn}）；党总支无审批权，须由党委审批`);
};

/**
 * 3 to 6 months is allowed only 「特殊情况」: the approval must carry the reason and the committee's
 * decision to extend the time, taken between the meeting and the approval. Without them it is refused.
 */
function lateApproval(rule: AppliedRule<'approval-3m'>, a: Approval, heldOn: CalendarDate, limit: CalendarDate, hardStop: CalendarDate, hardStopMonths: number) {
	const { months } = rule.params;
	const late = a.late;
	const missing = [...(late?.reason.trim() ? [] : ['特殊理由']), ...(late?.decidedOn && late.decision.trim() ? [] : ['党委延长审批期限的决定'])];
	if (!late || missing.length) {
		return result(rule, 'fail', `审批（${a.approvedOn}）超过${months}个月期限（${limit}），须登记特殊情况的理由和党委同意延长审批期限的决定；尚缺：${missing.join('、')}`);
	}
	const on = late.decidedOn!;
	if (on < heldOn || on > a.approvedOn) {
		return result(rule, 'fail', `党委延长审批期限的决定（${on}）须在支部大会（${heldOn}）之后、审批（${a.approvedOn}）之前作出`);
	}
	return result(
		rule,
		'warn',
		`审批（${a.approvedOn}）超过${months}个月期限（${limit}），属特殊情况：${late.reason.trim()}；党委于 ${on} 决定延长审批期限（${late.decision.trim()}），最长不超过${hardStopMonths}个月（${hardStop}）`
	);
}

/** Approval within 3 months of the branch meeting; up to 6 in special cases; past that the resolution lapses. */
export const approvalWithinLimit: CheckFn<'approval-3m'> = (d, rule, ctx) => {
	const purpose = meetingPurposeOf[ctx.transition] ?? 'admission';
	if (purpose === 'extension' || purpose === 'cancellation') return probationDecisionApproval(d, rule, ctx, purpose);
	const m = meetingFor(d, purpose);
	if (!m) return result(rule, 'pass', '不适用：尚未召开支部大会');
	const { months } = rule.params;
	// A rule set may give confirmation no special case (cpc-2026): its hard stop is then the limit itself.
	const hardStopMonths = purpose === 'confirmation' ? rule.params.confirmationHardStopMonths : rule.params.hardStopMonths;
	const limit = addMonths(m.heldOn, months);
	const hardStop = addMonths(m.heldOn, hardStopMonths);
	const a = approvalFor(d, purpose);
	if (a) {
		if (a.approvedOn < m.heldOn) return result(rule, 'fail', `审批日期 ${a.approvedOn} 早于支部大会 ${m.heldOn}，请核对`);
		if (a.approvedOn <= limit) return result(rule, 'pass', `支部大会（${m.heldOn}）后于 ${a.approvedOn} 审批（期限 ${limit}）`);
		if (a.approvedOn <= hardStop) return lateApproval(rule, a, m.heldOn, limit, hardStop, hardStopMonths);
		return result(rule, 'fail', `审批（${a.approvedOn}）超过${hardStopMonths}个月最长期限（${hardStop}），支部大会决议失效`, hardStop);
	}
	if (ctx.today <= limit) return result(rule, 'pending', `待党委审批：应于 ${limit} 前审批（支部大会 ${m.heldOn}）`, limit);
	if (ctx.today <= hardStop) {
		return result(rule, 'warn', `已超过${months}个月未审批（期限 ${limit}），特殊情况最迟须于 ${hardStop} 前审批`, hardStop);
	}
	return result(rule, 'fail', `支部大会（${m.heldOn}）后超过${hardStopMonths}个月（${hardStop}）仍未审批，决议失效，须重新履行程序`, hardStop);
};
