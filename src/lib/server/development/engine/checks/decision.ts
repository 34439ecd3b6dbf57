import { decisionFor } from '../dossier-lookups';
import { result, type CheckFn } from './result';

const labels = { activist: '入党积极分子', candidate: '发展对象' } as const;

/** 第八条, 第十三条: the decision and its 备案 with the higher committee must both be on record. */
export const decisionFiled: CheckFn<'decision-filed'> = (d, rule, ctx) => {
	const stage = ctx.transition === 'to_activist' ? 'activist' : 'candidate';
	const decision = decisionFor(d, stage);
	if (!decision) return result(rule, 'fail', `尚无支委会确定为${labels[stage]}的决定记录`);
	const body = decision.decidedBy === 'branch_meeting' ? '支部大会（未设支委会）' : '支委会';
	if (!decision.filedOn) return result(rule, 'fail', `${body}已于 ${decision.decidedOn} 确定为${labels[stage]}，尚未报上级党委备案`);
	if (decision.filedOn < decision.decidedOn) return result(rule, 'fail', `备案日期 ${decision.filedOn} 早于决定日期 ${decision.decidedOn}，请核对`);
	return result(rule, 'pass', `${body} ${decision.decidedOn} 确定为${labels[stage]}，${decision.filedOn} 报上级党委备案`);
};
