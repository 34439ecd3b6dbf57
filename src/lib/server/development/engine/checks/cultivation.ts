import { addMonths } from '../dates';
import { activistSince, asOf, decisionFor, monthsText } from '../dossier-lookups';
import type { OpinionSource } from '../types';
import { elapsed, result, type CheckFn } from './result';

export const mentors: CheckFn<'mentors'> = (d, rule, ctx) => {
	const on = asOf(d, ctx.transition, ctx.today);
	const { min, max } = rule.params;
	// endedOn is the first day the member no longer serves (as endSupporter records it: 「不再担任…
	// （endedOn）」), so an assignment covers the decision day only if it ends after it.
	const active = d.mentors.filter((m) => m.assignedOn <= on && (m.endedOn === null || m.endedOn > on));
	if (active.length < min) return result(rule, 'fail', `未指定培养联系人（须${min}–${max}名正式党员）`);
	if (active.length > max) return result(rule, 'fail', `培养联系人有${active.length}名，最多${max}名`);
	const notFull = active.filter((m) => !m.isFullMember).map((m) => m.name);
	if (notFull.length) return result(rule, 'fail', `培养联系人须为正式党员：${notFull.join('、')} 不是正式党员`);
	return result(rule, 'pass', `培养联系人：${active.map((m) => m.name).join('、')}`);
};

const opinionLabels: Record<OpinionSource, string> = { party_group: '党小组', mentors: '培养联系人', members: '党员', masses: '群众' };

export const opinions: CheckFn<'opinions'> = (d, rule, ctx) => {
	const on = asOf(d, ctx.transition, ctx.today);
	const heard = new Set(d.opinions.filter((o) => o.gatheredOn <= on).map((o) => o.source));
	const missing = (Object.keys(opinionLabels) as OpinionSource[]).filter((s) => !heard.has(s));
	return missing.length
		? result(rule, 'fail', `尚未听取${missing.map((s) => opinionLabels[s]).join('、')}的意见`)
		: result(rule, 'pass', '已听取党小组、培养联系人、党员和群众的意见');
};

/** 第十三条: at least a year as activist; a school may count from the filing and may lengthen it. */
export const oneYear: CheckFn<'one-year'> = (d, rule, ctx) => {
	const { months, anchor } = rule.params;
	if (!decisionFor(d, 'activist')) return result(rule, 'fail', '缺少确定为入党积极分子的记录，无法起算培养考察期');
	const since = activistSince(d, anchor);
	if (!since) return result(rule, 'fail', '入党积极分子的备案日期未登记，无法起算培养考察期（本校自备案之日起算）');
	return elapsed(rule, addMonths(since, months), decisionFor(d, 'candidate')?.decidedOn, ctx.today, {
		subject: '培养考察',
		reached: `满${monthsText(months)}`,
		decision: '确定为发展对象'
	});
};
