import { z } from 'zod';
import { politicalStatuses } from '$lib/domain';

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `不能超过 ${max} 个字`)
		.transform((v) => (v === '' ? null : v))
		.nullable()
		.optional()
		.transform((v) => v ?? null);

const optionalDate = (label: string) =>
	z
		.string()
		.trim()
		.transform((v) => (v === '' ? null : v))
		.nullable()
		.optional()
		.transform((v) => v ?? null)
		.refine((v) => v === null || isCalendarDate(v), `${label}格式应为 YYYY-MM-DD`);

export function isCalendarDate(v: string) {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
	const d = new Date(`${v}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** One person, as a form or an import row gives it (after label → code mapping). */
export const personInput = z.object({
	username: z
		.string()
		.trim()
		.min(1, '学号/工号不能为空')
		.max(32, '学号/工号不能超过 32 个字符')
		.regex(/^[A-Za-z0-9_-]+$/, '学号/工号只能包含字母、数字、下划线和短横线'),
	name: z.string().trim().min(1, '姓名不能为空').max(40, '姓名不能超过 40 个字'),
	gender: z.enum(['male', 'female'], { error: '性别应为“男”或“女”' }),
	birthDate: optionalDate('出生日期'),
	orgUnitId: z.coerce.number({ error: '请选择所属组织' }).int().positive('请选择所属组织'),
	grade: optionalText(20),
	classGroup: optionalText(40),
	politicalStatus: z.enum(politicalStatuses, { error: '政治面貌不正确' }),
	phone: optionalText(20).refine((v) => v === null || /^[0-9+\- ]{5,20}$/.test(v), '手机号格式不正确'),
	graduationDate: optionalDate('毕业时间')
});
export type PersonInput = z.infer<typeof personInput>;

/** First Chinese message per field, for forms. */
export function fieldErrors(error: z.ZodError) {
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		const key = String(issue.path[0] ?? '_');
		out[key] ??= issue.message;
	}
	return out;
}
