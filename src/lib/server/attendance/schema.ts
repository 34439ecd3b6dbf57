import { z } from 'zod';
import { id, optionalText, text } from '$lib/validation/fields';
import { parseShanghai, shanghaiDate, toShanghaiInput } from '$lib/time/shanghai';
import { parseRangeList } from './network';
import { sessionKinds } from './tables';

// The session form: one schema for create, series and move. Times arrive as datetime-local
// values and are read as Asia/Shanghai, never in the server's zone.

const minutes = (label: string, max: number) =>
	z.coerce.number({ error: `请填写${label}` }).int(`${label}应为整数`).min(0, `${label}不能为负数`).max(max, `${label}不能超过 ${max} 分钟`);

const localTime = (label: string) =>
	z
		.string({ error: `请填写${label}` })
		.trim()
		.min(1, `请填写${label}`)
		.transform((v, ctx) => {
			const d = parseShanghai(v);
			if (!d) {
				ctx.addIssue({ code: 'custom', message: `${label}格式应为 YYYY-MM-DD HH:mm` });
				return z.NEVER;
			}
			return d;
		});

/** An optional number field: '' → null. */
const optionalNumber = (label: string, min: number, max: number, integer = false) =>
	z
		.string()
		.trim()
		.default('')
		.transform((v, ctx) => {
			if (v === '') return null;
			const n = Number(v);
			if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
				ctx.addIssue({ code: 'custom', message: `${label}应为 ${min} 到 ${max} 之间的${integer ? '整数' : '数字'}` });
				return z.NEVER;
			}
			return n;
		});

export const networkModes = ['school', 'own', 'any'] as const;

export const classSessionInput = z
	.object({
		title: text('课程名称', { min: 1, max: 60 }),
		kind: z.enum(sessionKinds, { error: '请选择类型' }),
		startsAt: localTime('开始时间'),
		endsAt: localTime('结束时间'),
		place: optionalText('地点', 80),
		instructorId: z
			.string()
			.optional()
			.transform((v) => (v ? Number(v) : null))
			.refine((v) => v === null || (Number.isInteger(v) && v > 0), '请选择授课教师'),
		creditHours: z
			.string()
			.trim()
			.refine((v) => /^\d{1,2}(\.\d)?$/.test(v), '学时应为 0–99.9 之间的数字，最多一位小数')
			.transform(Number),
		checkoutRequired: z.literal('on').optional().transform((v) => v === 'on'),
		checkinOpensMin: minutes('提前开放签到', 240),
		lateAfterMin: minutes('迟到判定', 240),
		checkinClosesMin: minutes('签到截止', 480),
		codeSeconds: z.coerce.number({ error: '请填写刷新间隔' }).int('刷新间隔应为整数').min(5, '刷新间隔至少 5 秒').max(120, '刷新间隔不能超过 120 秒'),
		allowedNetworks: z
			.string()
			.default('')
			.transform((v, ctx) => {
				const { ranges, invalid } = parseRangeList(v);
				if (invalid.length) ctx.addIssue({ code: 'custom', message: `无法识别的网络范围：${invalid.slice(0, 3).join('、')}（应为 CIDR，例如 10.8.0.0/16）` });
				if (ranges.length > 20) ctx.addIssue({ code: 'custom', message: '网络范围最多 20 条' });
				return ranges;
			}),
		// 'school': the campus networks of the school setting; 'own': the list above; 'any': no check.
		// Absent (older forms, scripts): the list if one is given, else the school's.
		networkMode: z.enum(networkModes, { error: '请选择签到网络' }).optional(),
		locationLat: optionalNumber('纬度', -90, 90),
		locationLng: optionalNumber('经度', -180, 180),
		locationRadiusM: optionalNumber('签到半径（米）', 20, 10000, true),
		checkInPolicy: z.enum(['enforce', 'flag'], { error: '请选择处理方式' }).default('enforce')
	})
	.refine((s) => s.endsAt.getTime() > s.startsAt.getTime(), { path: ['endsAt'], message: '结束时间须晚于开始时间' })
	.refine((s) => s.endsAt.getTime() - s.startsAt.getTime() <= 24 * 3600_000, { path: ['endsAt'], message: '一次课程不能超过 24 小时' })
	.refine((s) => s.lateAfterMin <= s.checkinClosesMin, { path: ['lateAfterMin'], message: '迟到判定不能晚于签到截止' })
	.refine((s) => [s.locationLat, s.locationLng, s.locationRadiusM].filter((v) => v === null).length % 3 === 0, {
		path: ['locationLat'],
		message: '请同时填写纬度、经度和签到半径，或全部留空'
	})
	.refine((s) => s.networkMode !== 'own' || s.allowedNetworks.length > 0, { path: ['allowedNetworks'], message: '请填写本课程允许的网络范围，或选择沿用学校校园网络' })
	.transform(({ networkMode, checkInPolicy, allowedNetworks, ...s }) => ({
		...s,
		allowedNetworks: networkMode === 'any' ? [] : networkMode === 'own' || (networkMode === undefined && allowedNetworks.length) ? allowedNetworks : null,
		checkinEnforced: checkInPolicy === 'enforce'
	}));
export type ClassSessionInput = z.infer<typeof classSessionInput>;

/** The school's campus networks (签到设置). */
export const campusNetworksInput = z.object({
	campusNetworks: z
		.string()
		.default('')
		.transform((v, ctx) => {
			const { ranges, invalid } = parseRangeList(v);
			if (invalid.length) ctx.addIssue({ code: 'custom', message: `无法识别的网络范围：${invalid.slice(0, 3).join('、')}（应为 CIDR，例如 10.8.0.0/16）` });
			const unique = [...new Set(ranges)];
			if (unique.length > 50) ctx.addIssue({ code: 'custom', message: '校园网络最多 50 条' });
			return unique;
		})
});

export const seriesInput = z.object({
	cohortId: z.coerce.number({ error: '请选择培训班' }).int().positive('请选择培训班'),
	weeks: z.coerce.number({ error: '请填写周数' }).int('周数应为整数').min(1, '至少 1 周').max(30, '一次最多创建 30 周')
});

export const noticeInput = z.object({
	notice: optionalText('通知', 200)
});

export const markInput = z.object({
	personId: id('学员编号'),
	status: z.enum(['present', 'late', 'early_leave', 'leave', 'absent'], { error: '请选择考勤状态' }),
	reason: text('原因', { min: 1, max: 200 })
});

const position = z.object({
	lat: z.number().min(-90).max(90),
	lng: z.number().min(-180).max(180),
	accuracyM: z.number().min(0).max(1_000_000).optional()
});
/** The browser's position, or why it has none (the check-in pages ask only when the session has a radius). */
export const locationReport = z.union([position, z.object({ problem: z.enum(['denied', 'unavailable', 'timeout']) })]);

/** A form field as trimmed text, undefined when missing, empty or a file. */
const presentText = z.unknown().optional().transform((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined));

/**
 * The check-in form (/checkin and /checkin/[id]). Nothing here is refused: whether the code must
 * be six digits depends on a scan (the route judges it), and `location` is undefined when the page
 * sent no position fields, null when they are malformed (the route says so).
 */
export const checkInForm = z
	.object({
		code: z.unknown().optional().transform((v) => (typeof v === 'string' ? v.replace(/\s+/g, '') : '')),
		intent: z.unknown().optional().transform((v) => (v === 'out' ? ('out' as const) : ('in' as const))),
		// A scan kept across the sign-in (check-in-only): the signed token the page carried.
		scan: z.unknown().optional().transform((v) => (typeof v === 'string' ? v : undefined)),
		lat: presentText,
		lng: presentText,
		accuracy: presentText,
		locationProblem: presentText
	})
	.transform(({ lat, lng, accuracy, locationProblem, ...rest }) => {
		if (lat === undefined && lng === undefined && locationProblem === undefined) return { ...rest, location: undefined };
		const parsed = locationReport.safeParse(
			lat !== undefined || lng !== undefined ? { lat: Number(lat), lng: Number(lng), ...(accuracy !== undefined ? { accuracyM: Number(accuracy) } : {}) } : { problem: locationProblem }
		);
		return { ...rest, location: parsed.success ? parsed.data : null };
	});

/**
 * The JSON body of POST /api/checkin. Unknown keys are dropped: in particular no client can
 * say when its request arrived (the server captures that itself).
 */
export const checkInBody = z.object({
	sessionId: z.number().int().positive().max(2 ** 31 - 1).optional(),
	code: text('签到码', { max: 20 }),
	intent: z.enum(['in', 'out']).default('in'),
	location: locationReport.optional()
});

export const leaveInput = z.object({
	reason: text('请假事由', { min: 2, max: 500 })
});

/** A session row as the form's string values (datetime-local in Shanghai). */
export function formValuesOf(s: {
	title: string; kind: string; startsAt: Date; endsAt: Date; place: string; instructorId: number | null; creditHours: number;
	checkoutRequired: boolean; checkinOpensMin: number; lateAfterMin: number; checkinClosesMin: number; codeSeconds: number; allowedNetworks: string[] | null;
	locationLat: number | null; locationLng: number | null; locationRadiusM: number | null; checkinEnforced: boolean;
}) {
	const text = (n: number | null) => (n === null ? '' : String(n));
	return {
		title: s.title,
		kind: s.kind,
		startsAt: toShanghaiInput(s.startsAt),
		endsAt: toShanghaiInput(s.endsAt),
		place: s.place,
		instructorId: s.instructorId ? String(s.instructorId) : '',
		creditHours: String(Number(s.creditHours)),
		checkoutRequired: s.checkoutRequired,
		checkinOpensMin: String(s.checkinOpensMin),
		lateAfterMin: String(s.lateAfterMin),
		checkinClosesMin: String(s.checkinClosesMin),
		codeSeconds: String(s.codeSeconds),
		networkMode: s.allowedNetworks === null ? 'school' : s.allowedNetworks.length ? 'own' : 'any',
		allowedNetworks: (s.allowedNetworks ?? []).join('\n'),
		locationLat: text(s.locationLat),
		locationLng: text(s.locationLng),
		locationRadiusM: text(s.locationRadiusM),
		checkInPolicy: s.checkinEnforced ? 'enforce' : 'flag'
	};
}

/** Defaults for a new session: tomorrow 19:00–21:00 in Shanghai, 2 学时. */
export function newSessionValues(now = new Date()) {
	const tomorrow = shanghaiDate(new Date(now.getTime() + 24 * 3600_000));
	return formValuesOf({
		title: '', kind: 'lecture', startsAt: parseShanghai(`${tomorrow}T19:00`)!, endsAt: parseShanghai(`${tomorrow}T21:00`)!, place: '', instructorId: null,
		creditHours: 2, checkoutRequired: false, checkinOpensMin: 15, lateAfterMin: 10, checkinClosesMin: 30, codeSeconds: 10,
		allowedNetworks: null, locationLat: null, locationLng: null, locationRadiusM: null, checkinEnforced: true
	});
}
