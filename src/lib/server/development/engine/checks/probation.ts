import { addMonths } from '../dates';
import { approvalFor, meetingFor, meetingPurposeOf, monthsText, probationPeriod } from '../dossier-lookups';
import type { AppliedRule } from '../rule-types';
import type { CheckContext, CheckResult, MeetingPurpose, PersonDossier } from '../types';
import { elapsed, result, type CheckFn } from './result';

const deciding: Partial<Record<MeetingPurpose, string>> = {
	confirmation: '讨论转正的支部大会',
	extension: '讨论延长预备期的支部大会',
	cancellation: '讨论取消预备党员资格的支部大会'
};

/**
 * 第三十二条: probation is a year from the admitting branch meeting, plus any extension, and the
 * branch decides on it — confirmation, extension or cancellation alike — when it has ended.
 */
export const probationYear: CheckFn<'probation-1y'> = (d, rule, ctx) => {
	const purpose = meetingPurposeOf[ctx.transition] ?? 'confirmation';
	// The extension being decided is the latest one in the dossier: it lengthens the probation after
	// this decision, not the one this decision has to wait for.
	const counted = ctx.transition === 'extend_probation' ? [...d.probationExtensions].sort((a, b) => (a.decidedOn < b.decidedOn ? -1 : 1)).slice(0, -1) : d.probationExtensions;
	const period = probationPeriod({ ...d, probationExtensions: counted }, rule.params.months);
	if (!period) return result(rule, 'fail', '缺少接收预备党员的支部大会记录，无法确定预备期起算日');
	const extension = counted.reduce((sum, e) => sum + e.months, 0);
	const reached = extension ? '期满' : `满${monthsText(rule.params.months)}`;
	const heldOn = meetingFor(d, purpose)?.heldOn;
	const answer = elapsed(rule, period.endsOn, heldOn, ctx.today, {
		subject: extension ? `预备期（含延长${extension}个月）` : '预备期',
		reached,
		decision: deciding[purpose] ?? '讨论转正的支部大会'
	});
	if ((purpose !== 'extension' && purpose !== 'cancellation') || heldOn === undefined || answer.status !== 'fail') return answer;
	return earlyDecision(d, rule, purpose, period.endsOn, reached, answer);
};

/**
 * 第三十二条第三款: an extension or cancellation decided before probation ends stands only on the
 * ground 违犯党纪, recorded with the committee's approval together with what happened.
 */
function earlyDecision(d: PersonDossier, rule: AppliedRule<'probation-1y'>, purpose: 'extension' | 'cancellation', endsOn: string, reached: string, refused: CheckResult): CheckResult {
	const article = rule.earlySource ?? rule.source;
	const ground = approvalFor(d, purpose)?.earlyGround;
	const description = ground?.ground === 'discipline' ? ground.description.trim() : '';
	if (!description) return { ...refused, reason: `${refused.reason}；预备期满前提前讨论，只限违犯党纪的情形，并须登记具体情况（${article}）` };
	const what = purpose === 'extension' ? '延长预备期' : '取消预备党员资格';
	return result(rule, 'pass', `预备期 ${endsOn} 才${reached}，因违犯党纪提前讨论${what}（${article}）：${description}`);
}

/**
 * The committee approves an extension or cancellation within 3 months of the branch meeting. The
 * 6-month special case is the admission's (and, by the rule set, the confirmation's); for these
 * decisions the probation has already ended, so a late approval lapses the resolution.
 */
export function probationDecisionApproval(d: PersonDossier, rule: AppliedRule<'approval-3m'>, ctx: CheckContext, purpose: 'extension' | 'cancellation') {
	const what = purpose === 'extension' ? '延长预备期' : '取消预备党员资格';
	const m = meetingFor(d, purpose);
	if (!m) return result(rule, 'pass', `不适用：尚未召开支部大会讨论${what}`);
	const { months } = rule.params;
	const limit = addMonths(m.heldOn, months);
	const a = approvalFor(d, purpose);
	if (a) {
		if (a.approvedOn < m.heldOn) return result(rule, 'fail', `审批日期 ${a.approvedOn} 早于支部大会 ${m.heldOn}，请核对`);
		return a.approvedOn <= limit
			? result(rule, 'pass', `支部大会（${m.heldOn}）决定${what}，党委于 ${a.approvedOn} 审批（期限 ${limit}）`)
			: result(rule, 'fail', `${what}的审批（${a.approvedOn}）超过${months}个月期限（${limit}），支部大会决议失效，须重新讨论`, limit);
	}
	return ctx.today <= limit
		? result(rule, 'pending', `待党委审批：${what}的决议应于 ${limit} 前审批（支部大会 ${m.heldOn}）`, limit)
		: result(rule, 'fail', `支部大会（${m.heldOn}）决定${what}后超过${months}个月期限（${limit}）仍未审批，决议失效，须重新讨论`, limit);
}

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
