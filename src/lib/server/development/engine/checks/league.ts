import { addMonths, ageOn } from '../dates';
import { asOf, latest } from '../dossier-lookups';
import type { Nomination, PersonDossier } from '../types';
import { result, type CheckFn } from './result';

const latestOf = (d: PersonDossier, kinds: Nomination['kind'][], on: string) =>
	latest(d.nominations, (n) => n.madeOn, (n) => kinds.includes(n.kind) && n.madeOn <= on);

/**
 * Young League members come through the League's 推优; older ones with the League's opinion on file;
 * everyone else through 党员推荐 (development-rules.md §4).
 */
export const leagueRecommendation: CheckFn<'league-rec'> = (d, rule, ctx) => {
	const on = asOf(d, ctx.transition, ctx.today);
	const { recommendationMaxAge, opinionMaxAge } = rule.params;
	const byMembers = () => {
		const n = latestOf(d, ['member'], on);
		return n
			? result(rule, 'pass', `已有党员推荐（${n.madeOn}）`)
			: result(rule, 'fail', d.isLeagueMember ? '须有党员推荐，尚无记录' : '非共青团员，须有党员推荐，尚无记录');
	};
	if (!d.isLeagueMember) return byMembers();
	if (!d.birthDate) return result(rule, 'fail', '缺少出生日期，无法判断是否须经团组织推优');
	const age = ageOn(d.birthDate, on);
	if (age <= recommendationMaxAge) {
		const n = latestOf(d, ['league_recommendation'], on);
		return n
			? result(rule, 'pass', `${age}周岁共青团员，已经团组织推优（${n.madeOn}）`)
			: result(rule, 'fail', `${age}周岁共青团员须经团组织推优，尚无推优记录`);
	}
	if (age <= opinionMaxAge) {
		const n = latestOf(d, ['league_opinion', 'league_recommendation'], on);
		return n
			? result(rule, 'pass', `${age}周岁共青团员，已记录团组织意见（${n.madeOn}）`)
			: result(rule, 'fail', `${age}周岁共青团员须记录团组织意见，尚无记录`);
	}
	return byMembers();
};

/** A 推优 goes stale: it must still be valid on the day the branch decides (§4: expiry blocks). */
export const leagueRecommendationValid: CheckFn<'league-rec-age'> = (d, rule, ctx) => {
	const on = asOf(d, ctx.transition, ctx.today);
	const n = d.isLeagueMember ? latestOf(d, ['league_recommendation'], on) : undefined;
	if (!n) return result(rule, 'pass', '不适用：无推优记录（是否需要推优见『团员推优』）');
	const expires = addMonths(n.madeOn, rule.params.validMonths);
	return on <= expires
		? result(rule, 'pass', `推优（${n.madeOn}）有效至 ${expires}`, expires)
		: result(rule, 'fail', `推优已过期：${n.madeOn} 推优，有效期至 ${expires}，须重新推优`, expires);
};
