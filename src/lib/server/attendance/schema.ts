import { z } from 'zod';
import { id, optionalText, text } from '$lib/validation/fields';
import { parseShanghai, shanghaiDate, toShanghaiInput } from './time';
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

export const sessionInput = z
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
			})
	})
	.refine((s) => s.endsAt.getTime() > s.startsAt.getTime(), { path: ['endsAt'], message: '结束时间须晚于开始时间' })
	.refine((s) => s.endsAt.getTime() - s.startsAt.getTime() <= 24 * 3600_000, { path: ['endsAt'], message: '一次课程不能超过 24 小时' })
	.refine((s) => s.lateAfterMin <= s.checkinClosesMin, { path: ['lateAfterMin'], message: '迟到判定不能晚于签到截止' });
export type SessionInput = z.infer<typeof sessionInput>;

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

/**
 * The JSON body of POST /api/checkin. Unknown keys are dropped: in particular no client can
 * say when its request arrived (the server captures that itself).
 */
export const checkinBody = z.object({
	sessionId: z.number().int().positive().max(2 ** 31 - 1).optional(),
	code: text('签到码', { max: 20 }),
	intent: z.enum(['in', 'out']).default('in')
});

export const leaveInput = z.object({
	reason: text('请假事由', { min: 2, max: 500 })
});

/** zod issues as { field: first message }, for fail(400, …). */
export function fieldErrors(error: z.ZodError) {
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		const key = String(issue.path[0] ?? 'form');
		out[key] ??= issue.message;
	}
	return out;
}

/** Form values as strings; unchecked checkboxes are simply absent. */
export function formValues(form: FormData) {
	const values: Record<string, string> = {};
	for (const [k, v] of form) if (typeof v === 'string') values[k] = v;
	return values;
}

/** A session row as the form's string values (datetime-local in Shanghai). */
export function formValuesOf(s: {
	title: string; kind: string; startsAt: Date; endsAt: Date; place: string; instructorId: number | null; creditHours: number;
	checkoutRequired: boolean; checkinOpensMin: number; lateAfterMin: number; checkinClosesMin: number; codeSeconds: number; allowedNetworks: string[];
}) {
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
		allowedNetworks: s.allowedNetworks.join('\n')
	};
}

/** Defaults for a new session: tomorrow 19:00–21:00 in Shanghai, 2 学时. */
export function newSessionValues(now = new Date()) {
	const tomorrow = shanghaiDate(new Date(now.getTime() + 24 * 3600_000));
	return formValuesOf({
		title: '', kind: 'lecture', startsAt: parseShanghai(`${tomorrow}T19:00`)!, endsAt: parseShanghai(`${tomorrow}T21:00`)!, place: '', instructorId: null,
		creditHours: 2, checkoutRequired: false, checkinOpensMin: 15, lateAfterMin: 10, checkinClosesMin: 30, codeSeconds: 10, allowedNetworks: []
	});
}
