import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkQuestion, keyText } from './question-schema';
import { parseQuestionsYaml } from './content-sync';
import { chaptersText, parseChapters } from './exam-schema';

const ok = { type: 'single', chapter: 1, tag: '', difficulty: 1, stem: '题干（  ）', options: ['甲', '乙', '丙'], answer: 1, explanation: '' };

describe('checkQuestion', () => {
	it('accepts a well-formed question and sorts a multiple-choice key', () => {
		expect(checkQuestion(ok)).toMatchObject({ ok: true });
		const m = checkQuestion({ ...ok, type: 'multiple', answer: [2, 0] });
		expect(m.ok && m.value.answer).toEqual([0, 2]);
	});

	it('names what is wrong, in Chinese', () => {
		const errors = (input: object) => {
			const r = checkQuestion({ ...ok, ...input });
			return r.ok ? [] : r.errors;
		};
		expect(errors({ stem: '  ' })).toEqual(['题干不能为空']);
		expect(errors({ answer: 3 })).toEqual(['单选题的答案须为其中一个选项']);
		expect(errors({ options: ['甲'] })).toEqual(['选择题须有 2—8 个选项']);
		expect(errors({ options: ['甲', '甲'] })).toEqual(['选项不能重复']);
		expect(errors({ type: 'multiple', answer: [1] })).toEqual(['多选题至少有两个正确选项']);
		expect(errors({ type: 'true_false', options: [], answer: 'yes' })).toEqual(['判断题的答案须为“正确”或“错误”']);
		expect(errors({ type: 'fill_blank', options: [], answer: [] })).toEqual(['填空题至少给出一个可接受的答案']);
		expect(errors({ type: 'fill_blank', answer: ['x'] })).toEqual(['填空题不设选项']);
		expect(errors({ difficulty: 5 })).toEqual(['难度须为 1、2 或 3']);
		expect(errors({ type: 'essay' })).toEqual(['题型只能是单选、多选、判断或填空']);
	});

	it('writes keys the way people read them', () => {
		expect(keyText('single', 2)).toBe('C');
		expect(keyText('multiple', [0, 3])).toBe('A、D');
		expect(keyText('true_false', false)).toBe('错误');
		expect(keyText('fill_blank', ['甲', '乙'])).toBe('甲 / 乙');
	});
});

describe('the question banks in content/', () => {
	const root = 'content/courses';
	const folders = readdirSync(root).filter((f) => existsSync(`${root}/${f}/questions.yaml`));

	it('parse and validate completely', () => {
		expect(folders.length).toBeGreaterThan(0);
		for (const f of folders) {
			const bank = parseQuestionsYaml(readFileSync(`${root}/${f}/questions.yaml`, 'utf8'), f);
			expect(bank.size).toBeGreaterThan(20);
		}
	});

	it('give the activist course at least 60 questions of every type', () => {
		const bank = parseQuestionsYaml(readFileSync(`${root}/activist-training/questions.yaml`, 'utf8'), 'act');
		expect(bank.size).toBeGreaterThanOrEqual(60);
		const types = new Set([...bank.values()].map((q) => q.type));
		expect([...types].sort()).toEqual(['fill_blank', 'multiple', 'single', 'true_false']);
	});

	it('reject a bad entry by its id, and a duplicate id', () => {
		const yaml = `- id: x-001\n  type: single\n  chapter: 1\n  difficulty: 1\n  stem: 题\n  options: [a, b]\n  answer: 2\n- id: x-001\n  type: true_false\n  chapter: 1\n  difficulty: 1\n  stem: 题\n  answer: true\n`;
		expect(() => parseQuestionsYaml(yaml, 'q.yaml')).toThrow(/x-001：单选题的答案须为其中一个选项\nx-001：id 重复/);
	});
});

describe('parseChapters', () => {
	it('reads ranges and lists, and writes them back', () => {
		expect(parseChapters('1-4')).toEqual([1, 2, 3, 4]);
		expect(parseChapters('1–3，5、7')).toEqual([1, 2, 3, 5, 7]);
		expect(parseChapters(' ')).toEqual([]);
		expect(parseChapters('4-1')).toBeNull();
		expect(parseChapters('一')).toBeNull();
		expect(chaptersText([1, 2, 3, 4, 6, 8, 9])).toBe('1-4,6,8-9');
	});
});

describe('questionFromForm', async () => {
	const { questionFromForm, questionFormOf } = await import('./question-form');
	it('drops blank option rows and keeps the key on its option', () => {
		const v = { ...questionFormOf(), stem: '题', options: ['甲', '', '丙', '丁'], answerSingle: '2' };
		const r = questionFromForm(v);
		expect(r.ok && r.value).toMatchObject({ options: ['甲', '丙', '丁'], answer: 1 });
		expect(questionFromForm({ ...v, answerSingle: '1' })).toEqual({ ok: false, errors: ['正确答案对应的选项是空的'] });
	});

	it('reads fill-in alternatives one per line or split by |', () => {
		const r = questionFromForm({ ...questionFormOf(), type: 'fill_blank', stem: '____', answerFill: '民主集中制\n民主集中 | 民主 集中 ' });
		expect(r.ok && r.value.answer).toEqual(['民主集中制', '民主集中', '民主 集中']);
	});

	it('round-trips a stored question through the form', () => {
		const q = { type: 'multiple' as const, chapter: 3, tag: '纪律', difficulty: 3, stem: '题', options: ['a', 'b', 'c'], answer: [0, 2], explanation: '因为' };
		expect(questionFromForm(questionFormOf(q))).toEqual({ ok: true, value: q });
	});
});
