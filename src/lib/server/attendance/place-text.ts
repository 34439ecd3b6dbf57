import type { PlaceRule } from './place';
import { campusList } from './place';

/** A session's place rules in words, for its page: networks, radius, and what happens outside them. */
export function placeRuleText(s: PlaceRule & { checkinEnforced: boolean }) {
	const campus = campusList(s.campusNetworks);
	const networks =
		s.allowedNetworks === null
			? campus.length ? `沿用学校校园网络（${campus.join('、')}）` : '沿用学校校园网络（学校尚未设置，目前不限）'
			: s.allowedNetworks.length ? s.allowedNetworks.join('、') : '不限';
	const location =
		s.locationRadiusM === null || s.locationLat === null || s.locationLng === null
			? '不限'
			: `上课地点 ${s.locationRadiusM} 米以内（纬度 ${s.locationLat}，经度 ${s.locationLng}；以学员浏览器报告的位置为准）`;
	const checked = networks !== '不限' && !networks.endsWith('目前不限）') || location !== '不限';
	return { networks, location, outside: checked ? (s.checkinEnforced ? '拒绝签到，并记入异常记录' : '接受签到，记入异常记录供核查') : null };
}
