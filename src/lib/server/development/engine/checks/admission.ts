import { addMonths } from '../dates';
import { asOf, latest, meetingFor } from '../dossier-lookups';
import { result, type CheckFn } from './result';

/** 第十九条: the 入党志愿书 is issued only after the higher committee's pre-review passes. */
export const preReview: CheckFn<'pre-review'> = (d, rule, ctx) => {
	const on = asOf(d, ctx.transition, ctx.today);
	const review = latest(d.preReviews, (r) => r.answeredOn, (r) => r.answeredOn <= on);
	if (!review) return result(rule, 'fail', '尚未报基层党委预审');
	if (!review.passed) return result(rule, 'fail', `基层党委预审未通过（${review.answeredOn}）`);
	return result(rule, 'pass', `${review.answeredOn} 预审合格`);
};

/**
 * 第十九条–第二十条: the 入党志愿书 is issued only after the pre-review passed and is filled in
 * before the branch meeting discusses the admission; its printed serial identifies it.
 */
export const admissionForm: CheckFn<'admission-form'> = (d, rule) => {
	const form = d.admissionForm;
	if (!form) return result(rule, 'fail', '尚无发放入党志愿书的记录（须登记志愿书编号）；预审合格后方可发放，支部大会讨论前须填写');
	if (!form.serial.trim()) return result(rule, 'fail', `入党志愿书（${form.issuedOn} 发放）未登记编号`);
	const review = latest(d.preReviews, (r) => r.answeredOn, (r) => r.passed);
	if (!review) return result(rule, 'fail', '尚无预审合格的记录，入党志愿书须在预审合格后发放');
	if (form.issuedOn < review.answeredOn) return result(rule, 'fail', `入党志愿书于 ${form.issuedOn} 发放，早于预审合格（${review.answeredOn}）`);
	const meeting = meetingFor(d, 'admission');
	if (meeting && form.issuedOn > meeting.heldOn) return result(rule, 'fail', `入党志愿书于 ${form.issuedOn} 发放，晚于讨论接收的支部大会（${meeting.heldOn}）`);
	const before = meeting ? `、支部大会（${meeting.heldOn}）之前` : '';
	return result(rule, 'pass', `${form.issuedOn} 发放入党志愿书（编号 ${form.serial}），在预审合格（${review.answeredOn}）之后${before}`);
};

/** 第十九条: someone leaving within 3 months is "generally" not admitted — hence exemptable. */
export const leavingSoon: CheckFn<'leaving-3m'> = (d, rule, ctx) => {
	const on = asOf(d, ctx.transition, ctx.today);
	const dates = [
		{ date: d.graduationDate, what: '毕业', field: '预计毕业日期', fix: '人员信息中核对并更正预计毕业时间' },
		{ date: d.expectedLeavingDate, what: '离开本单位', field: '预计离开本单位日期', fix: '纪实档案中核对并更正预计离开本单位日期' }
	].filter((x): x is typeof x & { date: string } => x.date !== null);
	const leaving = dates.sort((a, b) => (a.date < b.date ? -1 : 1))[0];
	if (!leaving) return result(rule, 'pass', '无预计毕业或离开本单位的日期');
	// Someone still in the unit on the day cannot have left before it: the date is stale, and only
	// correcting it helps — an exemption granted for the 3-month rule must not cover it.
	if (leaving.date < on) {
		return { ...result(rule, 'fail', `${leaving.field} ${leaving.date} 早于 ${on}，日期有误：请先在${leaving.fix}`), exemptable: false };
	}
	const { months } = rule.params;
	const limit = addMonths(on, months);
	if (leaving.date <= limit) {
		return result(rule, 'fail', `预计 ${leaving.date} ${leaving.what}，距 ${on} 不足${months}个月，一般不办理接收预备党员手续；确需办理须经党委批准豁免`);
	}
	return result(rule, 'pass', `预计 ${leaving.date} ${leaving.what}，距 ${on} 超过${months}个月`);
};

export const meetingAfterReview: CheckFn<'meeting-after-review'> = (d, rule, ctx) => {
	const review = latest(d.preReviews, (r) => r.answeredOn, (r) => r.passed);
	if (!review) return result(rule, 'pass', '不适用：尚未预审合格（见『预审』）');
	const { months } = rule.params;
	const limit = addMonths(review.answeredOn, months);
	const meeting = meetingFor(d, 'admission');
	if (meeting) {
		if (meeting.heldOn < review.answeredOn) return result(rule, 'fail', `支部大会（${meeting.heldOn}）早于预审合格（${review.answeredOn}）`);
		return meeting.heldOn <= limit
			? result(rule, 'pass', `预审合格（${review.answeredOn}）后于 ${meeting.heldOn} 召开支部大会（期限 ${limit}）`)
			: result(rule, 'fail', `预审合格（${review.answeredOn}）后超过${months}个月才召开支部大会（${meeting.heldOn}，期限 ${limit}）`);
	}
	return ctx.today <= limit
		? result(rule, 'pending', `应于 ${limit} 前召开支部大会讨论接收（预审合格 ${review.answeredOn}）`, limit)
		: result(rule, 'fail', `预审合格（${review.answeredOn}）后已超过${months}个月未召开支部大会（期限 ${limit}）`, limit);
};
