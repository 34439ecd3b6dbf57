import { fieldErrors as formFieldErrors } from '$lib/validation/form';
import { z } from 'zod';
import { politicalStatuses } from '$lib/domain';
import { calendarDateMessage } from '$lib/validation/fields';
import { educations, ethnicities, normaliseEthnicity } from './registry';

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
		.superRefine((v, ctx) => {
			if (v === null || isCalendarDate(v)) return;
			const message = calendarDateMessage(label, v);
			if (message?.includes('日期不存在')) ctx.addIssue({ code: 'custom', message });
			else ctx.addIssue({ code: 'custom', message: `${label}格式应为 YYYY-MM-DD` });
		});

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
	graduationDate: optionalDate('毕业时间'),
	ethnicity: optionalText(20)
		.transform((v) => (v === null ? null : normaliseEthnicity(v)))
		.refine((v) => v === null || (ethnicities as readonly string[]).includes(v), '民族应为56个民族之一（如“汉族”），或填“其他”'),
	nativePlace: optionalText(40),
	education: z
		.union([z.enum(educations), z.literal('')], { error: '学历不正确' })
		.optional()
		.transform((v) => (v ? v : null)),
	joinedOn: optionalDate('入党日期'),
	confirmedOn: optionalDate('转正日期')
}).superRefine(registryDates);
export type PersonInput = z.infer<typeof personInput>;

const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
const todayInChina = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** 入党日期 and 转正日期 against 政治面貌, each other and the birth date (《党章》第一、七条). */
function registryDates(p: { politicalStatus: string; birthDate: string | null; joinedOn: string | null; confirmedOn: string | null }, ctx: z.RefinementCtx) {
	const issue = (path: 'joinedOn' | 'confirmedOn', message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
	const today = todayInChina();
	const { joinedOn, confirmedOn } = p;
	if (joinedOn && p.politicalStatus !== 'probationary' && p.politicalStatus !== 'member') issue('joinedOn', '只有预备党员和中共党员填写入党日期');
	if (confirmedOn && p.politicalStatus !== 'member') issue('confirmedOn', '只有中共党员（已转正）填写转正日期');
	if (joinedOn && joinedOn > today) issue('joinedOn', '入党日期不能晚于今天');
	if (confirmedOn && confirmedOn > today) issue('confirmedOn', '转正日期不能晚于今天');
	if (joinedOn && p.birthDate && joinedOn < addYears(p.birthDate, 18)) issue('joinedOn', `入党时应年满十八岁（出生日期 ${p.birthDate}）`);
	if (joinedOn && confirmedOn) {
		if (confirmedOn < addYears(joinedOn, 1)) issue('confirmedOn', `转正日期应在入党日期（${joinedOn}）满一年预备期之后`);
		else if (confirmedOn > addYears(joinedOn, 2)) issue('confirmedOn', `预备期最长两年（含延长），转正日期不应晚于 ${addYears(joinedOn, 2)}`);
	}
}

/** First Chinese message per field, for forms; whole-form issues under `_`. */
export const fieldErrors = (error: z.ZodError) => formFieldErrors(error, '_');
