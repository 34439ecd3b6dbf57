import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { courseCategoryLabels, fromLabel } from '../labels.ts';

// Front matter of content/ courses and lessons. The build (vite.config.ts), the start-up
// sync and the course import all validate with these, so a bad file fails the same way.
const category = z.string().transform((v, ctx) => {
	const code = fromLabel(courseCategoryLabels, v);
	if (!code) {
		ctx.addIssue({ code: 'custom', message: `应为 ${Object.values(courseCategoryLabels).join(' / ')} 之一` });
		return z.NEVER;
	}
	return code;
});

export const courseFrontmatter = z.object({
	title: z.string({ error: '必填，课程名称' }).trim().min(2, '至少 2 个字'),
	code: z.string({ error: '必填，课程代码' }).regex(/^[A-Z][A-Z0-9-]{1,19}$/, '应为 2–20 位大写字母、数字或短横线，以字母开头'),
	category,
	description: z.string().trim().default(''),
	creditHours: z.number({ error: '必填，应为数字（学时）' }).min(0, '不能为负数').max(200, '不能超过 200'),
	certificateValidityMonths: z.number().int('应为整数').min(1).max(120).optional()
});
export type CourseFrontmatter = z.infer<typeof courseFrontmatter>;

export const lessonFrontmatter = z.object({
	title: z.string({ error: '必填，课时标题' }).trim().min(2, '至少 2 个字'),
	order: z.number({ error: '必填，应为正整数' }).int('应为正整数').positive('应为正整数'),
	creditHours: z.number({ error: '必填，应为数字（学时）' }).positive('应大于 0').max(20, '单个课时不能超过 20 学时'),
	required: z.boolean({ error: '必填，应为 true（必修）或 false（选修）' })
});
export type LessonFrontmatter = z.infer<typeof lessonFrontmatter>;

/** Splits '---\nyaml\n---\nbody'. */
export function splitFrontmatter(source: string) {
	const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
	if (!m) return { data: null, body: source };
	return { data: parseYaml(m[1]) as unknown, body: source.slice(m[0].length) };
}

/** 'file: 字段 creditHours：应为数字' for each problem, or [] when the file is good. */
export function frontmatterProblems(file: string, source: string, kind: 'course' | 'lesson') {
	let data: unknown;
	try {
		data = splitFrontmatter(source).data;
	} catch (e) {
		return [`${file}: 前置元数据（front matter）不是有效的 YAML：${(e as Error).message.split('\n')[0]}`];
	}
	if (data === null || typeof data !== 'object') return [`${file}: 缺少前置元数据（以 --- 开头和结尾的 YAML）`];
	const parsed = (kind === 'course' ? courseFrontmatter : lessonFrontmatter).safeParse(data);
	if (parsed.success) return [];
	return parsed.error.issues.map((i) => `${file}: 字段 ${i.path.join('.') || '(整体)'}：${i.message}`);
}

export function isLessonFile(name: string) {
	return /^\d{2}-[a-z0-9-]+\.md$/.test(name);
}
