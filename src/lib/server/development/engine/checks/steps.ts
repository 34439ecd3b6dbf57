import { addMonths, type CalendarDate } from '../dates';
import { approvalFor, asOf, decisionFor, latest } from '../dossier-lookups';
import { result, type CheckFn } from './result';

// Steps taken by the branch committee and the higher committee around admission and confirmation
// (§1 steps 12, 18 and 25): each is required where the next act depends on it.

const sorted = (dates: readonly CalendarDate[]) => [...dates].sort();

/** 支部委员会审查: the branch committee reviews the 发展对象's materials before the 预审 is asked for. */
export const branchReview: CheckFn<'branch-review'> = (d, rule, ctx) => {
	const candidate = decisionFor(d, 'candidate');
	if (!candidate) return result(rule, 'fail', '缺少确定为发展对象的记录，无法核对支部委员会审查');
	const answered = latest(d.preReviews, (x) => x.answeredOn, (x) => x.passed)?.answeredOn;
	const until = answered ?? asOf(d, ctx.transition, ctx.today);
	const reviews = sorted(d.branchReviews);
	const inTime = reviews.filter((r) => r >= candidate.decidedOn && r <= until).at(-1);
	if (inTime) {
		return result(rule, 'pass', answered ? `支部委员会于 ${inTime} 审查，党委于 ${answered} 预审` : `支部委员会于 ${inTime} 审查，可报党委预审`);
	}
	const after = answered && reviews.find((r) => r > answered);
	if (after) return result(rule, 'fail', `支部委员会审查（${after}）晚于党委预审（${answered}），应先审查后报预审`);
	const before = reviews.filter((r) => r < candidate.decidedOn).at(-1);
	if (before) return result(rule, 'fail', `支部委员会审查（${before}）早于确定为发展对象（${candidate.decidedOn}），应审查发展对象的材料`);
	return result(rule, 'fail', '尚未经支部委员会审查发展对象材料，不能报党委预审');
};

/**
 * 备案 of the admission with the organisation department one level up. It is the committee's act,
 * so its absence is shown at confirmation (warn) and listed as due, without holding up the person.
 */
export const admissionFiled: CheckFn<'admission-filed'> = (d, rule) => {
	const approval = approvalFor(d, 'admission');
	if (!approval) return result(rule, 'pass', '不适用：尚无党委审批接收预备党员的记录');
	const limit = addMonths(approval.approvedOn, rule.params.months);
	const filed = sorted(d.filings.filter((f) => f.stage === 'probationary').map((f) => f.filedOn)).find((f) => f >= approval.approvedOn);
	if (!filed) return result(rule, 'warn', `接收预备党员（党委审批 ${approval.approvedOn}）尚未报上级组织部门备案，应于 ${limit} 前备案`, limit);
	return filed <= limit
		? result(rule, 'pass', `接收预备党员已于 ${filed} 报上级组织部门备案`)
		: result(rule, 'warn', `接收预备党员于 ${filed} 报上级组织部门备案，晚于期限（${limit}）`);
};

/** 归档: after 转正 no transition is left to hold up, so this is a deadline (the due list) and a record check. */
export const archive: CheckFn<'archive'> = (d, rule, ctx) => {
	const approval = approvalFor(d, 'confirmation');
	if (!approval) return result(rule, 'pass', '不适用：尚无党委审批转正的记录');
	const limit = addMonths(approval.approvedOn, rule.params.months);
	const archived = sorted(d.archives).find((a) => a >= approval.approvedOn);
	if (archived) {
		return archived <= limit
			? result(rule, 'pass', `入党材料已于 ${archived} 归档`)
			: result(rule, 'warn', `入党材料于 ${archived} 归档，晚于期限（${limit}）`);
	}
	return ctx.today <= limit
		? result(rule, 'pending', `转正审批（${approval.approvedOn}）后应于 ${limit} 前将入党材料归档`, limit)
		: result(rule, 'fail', `转正审批（${approval.approvedOn}）后未在 ${limit} 前将入党材料归档`, limit);
};
