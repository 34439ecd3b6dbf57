import { z } from 'zod';
import { formFields, sentText, sentTexts } from '$lib/validation/form';
import { parseShanghai, toShanghaiInput } from '$lib/time/shanghai';
import { questionTypes, visibilities, type PaperRule } from './tables';

const when = (label: string) =>
	z
		.string({ error: `请填写${label}` })
		.trim()
		.min(1, `请填写${label}`)
		.transform((v, ctx) => {
			const d = parseShanghai(v);
			if (!d) ctx.addIssue({ code: 'custom', message: `${label}格式不正确` });
			return d ?? new Date(0);
		});

const int = (label: string, min: number, max: number) =>
	z.coerce.number({ error: `${label}须为数字` }).int(`${label}须为整数`).min(min, `${label}须在 ${min}—${max} 之间`).max(max, `${label}须在 ${min}—${max} 之间`);

// Blank: no 学时 requirement. Tenths only, as the column keeps them.
const minHours = z
	.string()
	.trim()
	.default('')
	.transform((v, ctx) => {
		if (v === '') return null;
		const n = Number(v.normalize('NFKC'));
		if (!Number.isFinite(n) || n < 0.5 || n > 1000) {
			ctx.addIssue({ code: 'custom', message: '开考所需学时须为 0.5—1000 之间的数字，不要求时请留空' });
			return null;
		}
		return Math.round(n * 10) / 10;
	});

/** '1-4', '1–4', '1,3,5', '1、3' or blank (any chapter). */
export function parseChapters(text: string): number[] | null {
	const t = text.normalize('NFKC').replace(/\s+/g, '');
	if (t === '') return [];
	const out = new Set<number>();
	for (const part of t.split(/[,，、;；]/)) {
		const m = part.match(/^(\d{1,2})(?:[-–—~](\d{1,2}))?$/);
		if (!m) return null;
		const [from, to] = [Number(m[1]), Number(m[2] ?? m[1])];
		if (from < 1 || to < from) return null;
		for (let c = from; c <= to; c++) out.add(c);
	}
	return [...out].sort((a, b) => a - b);
}

export function chaptersText(chapters: number[] | undefined) {
	if (!chapters?.length) return '';
	const runs: string[] = [];
	for (let i = 0; i < chapters.length; ) {
		let j = i;
		while (j + 1 < chapters.length && chapters[j + 1] === chapters[j] + 1) j++;
		runs.push(i === j ? `${chapters[i]}` : `${chapters[i]}-${chapters[j]}`);
		i = j + 1;
	}
	return runs.join(',');
}

const rule = z
	.object({
		type: z.enum(questionTypes, { error: '请选择题型' }),
		count: int('题数', 1, 200),
		points: z.coerce.number({ error: '每题分值须为数字' }).min(0.5, '每题分值须在 0.5—100 之间').max(100, '每题分值须在 0.5—100 之间'),
		chapters: z.string().default(''),
		difficulty: z.string().default('')
	})
	.transform((r, ctx): PaperRule => {
		const chapters = parseChapters(r.chapters);
		if (chapters === null) ctx.addIssue({ code: 'custom', message: `章节“${r.chapters}”格式不正确，例如 1-4 或 1,3,5` });
		const out: PaperRule = { type: r.type, count: r.count, points: Math.round(r.points * 10) / 10 };
		if (chapters?.length) out.chapters = chapters;
		if (r.difficulty) out.difficulty = Number(r.difficulty);
		return out;
	});

export const examInput = z
	.object({
		title: z.string({ error: '请填写考试名称' }).trim().min(1, '请填写考试名称').max(60, '考试名称不超过 60 字'),
		opensAt: when('开始时间'),
		closesAt: when('结束时间'),
		timeLimitMinutes: int('考试时长', 1, 600),
		attemptsAllowed: int('作答次数', 1, 20),
		passMark: z.coerce.number({ error: '及格分须为数字' }).min(0, '及格分须在 0—100 之间').max(100, '及格分须在 0—100 之间'),
		gradingMethod: z.enum(['highest', 'last'], { error: '请选择成绩计算方式' }),
		multipleScoring: z.enum(['all_or_nothing', 'partial'], { error: '请选择多选题计分方式' }),
		shuffleQuestions: z.boolean(),
		shuffleOptions: z.boolean(),
		scoreVisibility: z.enum(visibilities, { error: '请选择成绩公布时间' }),
		reviewVisibility: z.enum(visibilities, { error: '请选择答案公布时间' }),
		requireLessons: z.boolean().default(false),
		minHours: minHours,
		rules: z.array(rule).min(1, '至少设置一条组卷规则').max(12, '组卷规则不超过 12 条')
	})
	.refine((x) => x.closesAt > x.opensAt, { path: ['closesAt'], message: '结束时间须晚于开始时间' });
export type ExamInput = z.infer<typeof examInput>;

const on = z.unknown().optional().transform((v) => v === 'on');

// The exam form as typed, for examInput and for showing again: nothing here is refused. Rule rows
// come as columns (one field per row), and blank rows are dropped.
const examForm = z
	.object({
		title: sentText(),
		opensAt: sentText(),
		closesAt: sentText(),
		timeLimitMinutes: sentText(),
		attemptsAllowed: sentText(),
		passMark: sentText(),
		gradingMethod: sentText(),
		multipleScoring: sentText(),
		shuffleQuestions: on,
		shuffleOptions: on,
		scoreVisibility: sentText(),
		reviewVisibility: sentText(),
		requireLessons: on,
		minHours: sentText(),
		ruleType: sentTexts(),
		ruleCount: sentTexts(),
		rulePoints: sentTexts(),
		ruleChapters: sentTexts(),
		ruleDifficulty: sentTexts()
	})
	.transform(({ ruleType, ruleCount, rulePoints, ruleChapters, ruleDifficulty, ...v }) => ({
		...v,
		rules: ruleType
			.map((type, i) => ({ type, count: ruleCount[i] ?? '', points: rulePoints[i] ?? '', chapters: ruleChapters[i] ?? '', difficulty: ruleDifficulty[i] ?? '' }))
			.filter((r) => r.type !== '' || r.count.trim() !== '')
	}));

/** A submitted exam form as the schema takes it: rule rows as arrays, blank rows dropped. */
export function examFormValues(form: FormData) {
	return examForm.parse(formFields(form));
}

export const overrideInput = z
	.object({
		personId: z.coerce.number({ error: '请选择学员' }).int('请选择学员').positive('请选择学员').max(2 ** 31 - 1, '请选择学员'),
		extraAttempts: int('增加次数', 0, 20),
		extraMinutes: int('延长时间', 0, 600),
		opensAt: z.string().trim().default(''),
		closesAt: z.string().trim().default(''),
		note: z.string().trim().max(200, '说明不超过 200 字').default('')
	})
	.transform((o, ctx) => {
		const parse = (v: string, label: string) => {
			if (!v) return null;
			const d = parseShanghai(v);
			if (!d) ctx.addIssue({ code: 'custom', path: [label === '开始时间' ? 'opensAt' : 'closesAt'], message: `补考${label}格式不正确` });
			return d;
		};
		const opensAt = parse(o.opensAt, '开始时间');
		const closesAt = parse(o.closesAt, '结束时间');
		if (opensAt && closesAt && closesAt <= opensAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: '补考结束时间须晚于开始时间' });
		return { ...o, opensAt, closesAt };
	});
export type OverrideInput = z.infer<typeof overrideInput>;

/** zod issues → { field: first message }, for forms. */
export function fieldErrors(issues: z.core.$ZodIssue[]) {
	const out: Record<string, string> = {};
	for (const i of issues) {
		const key = i.path[0] === 'rules' ? `rules.${String(i.path[1] ?? '')}` : String(i.path[0] ?? 'form');
		out[key] ??= i.message;
	}
	return out;
}

export type ExamFormValues = ReturnType<typeof examFormValues>;

/** The form's values for an exam (or sensible defaults for a new one: next week, 60 minutes). */
export function examFormOf(exam?: Omit<ExamInput, 'rules' | 'minHours'> & { rules: PaperRule[]; minHours: number | string | null }): ExamFormValues {
	const day = 24 * 3600_000;
	const start = new Date(Math.ceil(Date.now() / 3600_000) * 3600_000 + day);
	const x = exam ?? {
		title: '结业考试',
		opensAt: start,
		closesAt: new Date(start.getTime() + 7 * day),
		timeLimitMinutes: 60,
		attemptsAllowed: 1,
		passMark: 60,
		gradingMethod: 'highest' as const,
		multipleScoring: 'all_or_nothing' as const,
		shuffleQuestions: true,
		shuffleOptions: true,
		scoreVisibility: 'after_submit' as const,
		reviewVisibility: 'after_close' as const,
		requireLessons: true,
		minHours: null,
		rules: [
			{ type: 'single' as const, count: 20, points: 2 },
			{ type: 'multiple' as const, count: 10, points: 4 },
			{ type: 'true_false' as const, count: 10, points: 2 }
		]
	};
	return {
		title: x.title,
		opensAt: toShanghaiInput(x.opensAt),
		closesAt: toShanghaiInput(x.closesAt),
		timeLimitMinutes: String(x.timeLimitMinutes),
		attemptsAllowed: String(x.attemptsAllowed),
		passMark: String(x.passMark),
		gradingMethod: x.gradingMethod,
		multipleScoring: x.multipleScoring,
		shuffleQuestions: x.shuffleQuestions,
		shuffleOptions: x.shuffleOptions,
		scoreVisibility: x.scoreVisibility,
		reviewVisibility: x.reviewVisibility,
		requireLessons: x.requireLessons,
		minHours: x.minHours === null ? '' : String(Number(x.minHours)),
		rules: x.rules.map((r) => ({ type: r.type as string, count: String(r.count), points: String(r.points), chapters: chaptersText(r.chapters), difficulty: r.difficulty ? String(r.difficulty) : '' }))
	};
}
