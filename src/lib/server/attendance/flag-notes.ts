import type { FlagKind } from './tables';
import type { LocationProblem } from './place';

// What the instructor reads next to a flag: the reason in words, from the detail stored with it.

export const locationProblemLabels: Record<LocationProblem, string> = {
	denied: '学员拒绝了定位授权',
	unavailable: '设备无法定位（定位服务关闭或浏览器不支持）',
	timeout: '定位超时',
	missing: '未收到位置信息'
};

/** 850 → '约 850 米'; 12 345 → '约 12.3 公里'. */
export function approxDistance(m: number) {
	return m < 10_000 ? `约 ${Math.round(m / 10) * 10} 米` : `约 ${(m / 1000).toFixed(1)} 公里`;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function flagNote(kind: FlagKind, detail: unknown, ip: string | null) {
	const d = (detail && typeof detail === 'object' ? detail : {}) as Record<string, unknown>;
	const outcome = d.accepted === true ? '；已接受签到，仅记录' : d.accepted === false ? '；已拒绝签到' : '';
	switch (kind) {
		case 'outside_network':
			return `${d.networks === 'session' ? '不在本课程允许的网络内' : '不在校园网络内'}（IP ${ip ?? '未知'}）${outcome}`;
		case 'outside_location': {
			const distance = num(d.distanceM);
			const radius = num(d.radiusM);
			const accuracy = num(d.accuracyM);
			if (distance === null || radius === null) return `不在上课地点附近${outcome}`;
			return `距离上课地点${approxDistance(distance)}，超出 ${radius} 米${accuracy !== null ? `（定位精度约 ${accuracy} 米）` : ''}${outcome}`;
		}
		case 'no_location': {
			const problem = typeof d.problem === 'string' && d.problem in locationProblemLabels ? (d.problem as LocationProblem) : 'missing';
			return `未能获取位置：${locationProblemLabels[problem]}${outcome}`;
		}
		case 'expired_code':
		case 'bad_code':
			return typeof d.code === 'string' ? `输入的签到码：${d.code}` : '';
		case 'shared_device':
			return '该设备已为其他账号签到';
	}
}
