import { addMonths, ageOn, birthdayOfAge } from '../dates';
import { decisionFor, monthsText } from '../dossier-lookups';
import { elapsed, result, type CheckFn } from './result';

export const age: CheckFn<'age'> = (d, rule, ctx) => {
	const { minAge } = rule.params;
	if (!d.birthDate) return result(rule, 'fail', '缺少出生日期，无法核对年龄');
	const on = d.application?.submittedOn ?? ctx.today;
	if (ageOn(d.birthDate, on) >= minAge) return result(rule, 'pass', `递交入党申请书时（${on}）已满${minAge}周岁`);
	// An under-age application is refused, not parked: the clock starts with a new one.
	const reached = birthdayOfAge(d.birthDate, minAge);
	return result(rule, 'fail', `递交入党申请书时（${on}）未满${minAge}周岁：${reached} 满${minAge}周岁，届时须重新递交申请`, reached);
};

/** 第七条: the branch talks with the applicant within a month. A late talk cannot be undone, so it only warns. */
export const talkWithinMonth: CheckFn<'talk-1m'> = (d, rule, ctx) => {
	const application = d.application;
	if (!application) return result(rule, 'fail', '缺少入党申请书记录');
	const due = addMonths(application.submittedOn, rule.params.months);
	const talks = d.talks.filter((t) => t.kind === 'application' && t.heldOn >= application.submittedOn);
	const first = talks.sort((a, b) => (a.heldOn < b.heldOn ? -1 : 1))[0];
	const limit = monthsText(rule.params.months);
	if (!first) {
		return ctx.today <= due
			? result(rule, 'pending', `尚未谈话：应于 ${due} 前谈话（收到申请后${limit}内）`, due)
			: result(rule, 'fail', `未谈话且已超期：应于 ${due} 前谈话，请补谈并记录`, due);
	}
	return first.heldOn <= due
		? result(rule, 'pass', `已于 ${first.heldOn} 谈话（期限 ${due}）`)
		: result(rule, 'warn', `谈话晚于规定期限：应于 ${due} 前，实际 ${first.heldOn}`);
};

export const applicationToActivist: CheckFn<'app-to-activist'> = (d, rule, ctx) => {
	if (!d.application) return result(rule, 'fail', '缺少入党申请书记录');
	const months = rule.params.months;
	const earliest = addMonths(d.application.submittedOn, months);
	return elapsed(rule, earliest, decisionFor(d, 'activist')?.decidedOn, ctx.today, {
		subject: '递交申请',
		reached: `满${monthsText(months)}`,
		decision: '确定为入党积极分子'
	});
};
