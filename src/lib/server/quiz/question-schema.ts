import { z } from 'zod';
import { questionTypeLabels as typeLabels } from '$lib/quiz/labels';
import { questionTypes, type AnswerKey, type QuestionType } from './tables';

/** A question as authors write it, whether in the browser, a spreadsheet or questions.yaml. */
export interface QuestionInput {
	type: QuestionType;
	chapter: number | null;
	tag: string;
	difficulty: number;
	stem: string;
	options: string[];
	answer: AnswerKey;
	explanation: string;
}

const base = z.object({
	type: z.enum(questionTypes, { error: '题型只能是单选、多选、判断或填空' }),
	chapter: z.number({ error: '章节须为数字' }).int('章节须为整数').min(1, '章节须为正整数').max(99, '章节不能超过 99').nullable(),
	tag: z.string().trim().max(40, '标签不超过 40 字').default(''),
	difficulty: z.number({ error: '难度须为 1、2 或 3' }).int().min(1, '难度须为 1、2 或 3').max(3, '难度须为 1、2 或 3'),
	stem: z.string().trim().min(1, '题干不能为空').max(1000, '题干不超过 1000 字'),
	options: z.array(z.string().trim()).default([]),
	answer: z.unknown(),
	explanation: z.string().trim().max(2000, '解析不超过 2000 字').default('')
});

const isIndex = (n: unknown, count: number): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) < count;

function keyProblem(type: QuestionType, options: string[], answer: unknown): string | null {
	const choice = type === 'single' || type === 'multiple';
	if (choice) {
		if (options.length < 2 || options.length > 8) return '选择题须有 2—8 个选项';
		if (options.some((o) => o === '')) return '选项不能为空';
		if (new Set(options).size !== options.length) return '选项不能重复';
	} else if (options.length) return `${typeLabels[type]}题不设选项`;
	switch (type) {
		case 'single':
			return isIndex(answer, options.length) ? null : '单选题的答案须为其中一个选项';
		case 'multiple':
			if (!Array.isArray(answer) || answer.length < 2) return '多选题至少有两个正确选项';
			if (!answer.every((a) => isIndex(a, options.length))) return '多选题的答案须为已有的选项';
			return new Set(answer).size === answer.length ? null : '多选题的答案有重复';
		case 'true_false':
			return typeof answer === 'boolean' ? null : '判断题的答案须为“正确”或“错误”';
		case 'fill_blank':
			if (!Array.isArray(answer) || answer.length === 0 || answer.some((a) => typeof a !== 'string' || a.trim() === '')) return '填空题至少给出一个可接受的答案';
			return answer.some((a) => (a as string).length > 200) ? '填空答案每项不超过 200 字' : null;
	}
}

export type Checked = { ok: true; value: QuestionInput } | { ok: false; errors: string[] };

/** Every problem of one question, in Chinese; nothing is partly accepted. */
export function checkQuestion(input: unknown): Checked {
	const parsed = base.safeParse(input);
	if (!parsed.success) return { ok: false, errors: [...new Set(parsed.error.issues.map((i) => i.message))] };
	const q = parsed.data;
	const problem = keyProblem(q.type, q.options, q.answer);
	if (problem) return { ok: false, errors: [problem] };
	let answer = q.answer as AnswerKey;
	if (q.type === 'multiple') answer = [...(answer as number[])].sort((a, b) => a - b);
	if (q.type === 'fill_blank') answer = (answer as string[]).map((a) => a.trim());
	return { ok: true, value: { ...q, answer } };
}

/** The key as people read it: 'B', 'A、C', '正确', '民主集中制 / 民主集中'. */
export function keyText(type: QuestionType, answer: AnswerKey) {
	const letter = (i: number) => String.fromCharCode(65 + i);
	if (type === 'single') return letter(answer as number);
	if (type === 'multiple') return (answer as number[]).map(letter).join('、');
	if (type === 'true_false') return answer ? '正确' : '错误';
	return (answer as string[]).join(' / ');
}
