import { addMonths } from '../dates';
import { asOf, latest } from '../dossier-lookups';
import type { PersonDossier } from '../types';
import { result, type CheckFn } from './result';

/** 第十四条: two sponsors, full members, none under 留党察看 (nor expelled) on the day of the decision. */
export const sponsors: CheckFn<'sponsors'> = (d, rule, ctx) => {
	const { count } = rule.params;
	const list = d.sponsors;
	if (list.length !== count) return result(rule, 'fail', `入党介绍人应为${count}名正式党员，现有${list.length}名`);
	const notFull = list.filter((s) => !s.isFullMember).map((s) => s.name);
	if (notFull.length) return result(rule, 'fail', `${notFull.join('、')} 不是正式党员，不能作入党介绍人`);
	const on = asOf(d, ctx.transition, ctx.today);
	for (const s of list) {
		const expelled = s.discipline.find((x) => x.kind === 'expulsion' && x.startsOn <= on);
		if (expelled) return result(rule, 'fail', `${s.name} 已于 ${expelled.startsOn} 被开除党籍，不能作入党介绍人`);
		const probation = s.discipline.find((x) => x.kind === 'probation' && x.startsOn <= on && x.endsOn !== null && on <= x.endsOn);
		if (probation) return result(rule, 'fail', `${s.name} 在 ${on} 正受留党察看处分（${probation.startsOn} 至 ${probation.endsOn}），不能作入党介绍人`);
	}
	return result(rule, 'pass', `入党介绍人：${list.map((s) => s.name).join('、')}`);
};

const latestReview = (d: PersonDossier, on: string) => latest(d.politicalReviews, (r) => r.concludedOn, (r) => r.concludedOn <= on);

/** 第十六条: without a written conclusion, or with a failing one, no admission. */
export const politicalReview: CheckFn<'political-review'> = (d, rule, ctx) => {
	const review = latestReview(d, asOf(d, ctx.transition, ctx.today));
	if (!review) return result(rule, 'fail', '尚无政治审查结论，未经政治审查不能发展入党');
	return review.conclusion === 'qualified'
		? result(rule, 'pass', `政治审查合格（${review.concludedOn}）`)
		: result(rule, 'fail', `政治审查结论为不合格（${review.concludedOn}），不能发展入党`);
};

export const politicalReviewValid: CheckFn<'political-review-age'> = (d, rule, ctx) => {
	const on = asOf(d, ctx.transition, ctx.today);
	const review = latestReview(d, on);
	if (!review) return result(rule, 'pass', '不适用：尚无政审结论（见『政治审查合格』）');
	const expires = addMonths(review.concludedOn, rule.params.maxMonths);
	return on <= expires
		? result(rule, 'pass', `政审结论 ${review.concludedOn} 作出，有效至 ${expires}`, expires)
		: result(rule, 'fail', `政审结论已过期：${review.concludedOn} 作出，${expires} 到期，须重新政审`, expires);
};
