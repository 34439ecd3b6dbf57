import { describe, expect, it } from 'vitest';
import type { Line } from './document';
import { parseBank } from './parse';

// The layouts question banks come in, as lines (document.test-free: what mammoth gives is
// covered by import.test.ts and round-trip.test.ts).

const columns = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '答案', '解析', '难度', '章节', '标签'];
const line = (text: string, more: Partial<Line> = {}): Line => ({ text, image: false, listed: false, continued: false, ...more });

function parse(...texts: (string | Line)[]) {
	const r = parseBank(texts.map((t) => (typeof t === 'string' ? line(t) : t)));
	if (!r.ok) return r;
	return r.questions.map((q) => ({
		label: q.label,
		problems: q.problems,
		...Object.fromEntries(columns.map((c) => [c, q.cell(c)]).filter(([, v]) => v !== ''))
	}));
}

describe('reading a Word bank', () => {
	it('reads the common layout, its bracket and punctuation variants', () => {
		expect(
			parse(
				'党章知识题库',
				'1. 【单选题】党的根本宗旨是（  ）。',
				'A. 甲',
				'B．乙',
				'C、丙',
				'(D) 丁',
				'【答案】B。',
				'【解析】党章总纲。',
				'2、[多选] 下列正确的有（  ）',
				'A. 甲  B. 乙  C. 丙',
				'正确答案：A、C',
				'第3题 （判断题）这是判断题',
				'答案：✓',
				'4. 党的根本组织原则是____。（填空题）',
				'参考答案：民主集中制',
				'难度：易',
				'章节：2',
				'知识点：组织制度'
			)
		).toEqual([
			{ label: '第 1 题', problems: [], 题型: '单选', 题干: '党的根本宗旨是（  ）。', 选项A: '甲', 选项B: '乙', 选项C: '丙', 选项D: '丁', 答案: 'B', 解析: '党章总纲。' },
			{ label: '第 2 题', problems: [], 题型: '多选', 题干: '下列正确的有（  ）', 选项A: '甲', 选项B: '乙', 选项C: '丙', 答案: 'A、C' },
			{ label: '第 3 题', problems: [], 题型: '判断', 题干: '这是判断题', 答案: '√' },
			{ label: '第 4 题', problems: [], 题型: '填空', 题干: '党的根本组织原则是____。', 答案: '民主集中制', 难度: '易', 章节: '2', 标签: '组织制度' }
		]);
	});

	it('takes the type from a section heading, and tells restarted numbers apart by section', () => {
		expect(
			parse('一、单项选择题（每题 2 分）', '1. 题干甲', 'A. 是', 'B. 否', '答案：A', '二、判断题', '1. 题干乙', 'A. 正确', 'B. 错误', '答案：B', '三、简答题', '1. 题干丙', '答案：略')
		).toEqual([
			{ label: '一、单项选择题 第 1 题', problems: [], 题型: '单选', 题干: '题干甲', 选项A: '是', 选项B: '否', 答案: 'A' },
			// "A. 正确  B. 错误" with a letter: the letter's word is the key, and no options are kept.
			{ label: '二、判断题 第 1 题', problems: [], 题型: '判断', 题干: '题干乙', 答案: '错误' },
			{ label: '三、简答题 第 1 题', problems: [], 题型: '简答题', 题干: '题干丙', 答案: '略' }
		]);
		expect((parse('1. 【判断题】甲', '答案：对', '1. 【判断题】乙', '答案：错') as { label: string }[]).map((q) => q.label)).toEqual(['第 1 题（第 1 处）', '第 1 题（第 2 处）']);
	});

	it('keeps a stem and an explanation over several lines, and a numbered list inside an explanation paragraph', () => {
		expect(
			parse(
				'1. 【单选题】第一行',
				'第二行',
				'A. 甲',
				'B. 乙',
				'答案：A',
				'解析：要点如下：',
				line('1. 坚持党的领导', { continued: true }),
				line('', { continued: true }),
				line('2. 坚持人民至上', { continued: true }),
				'补充一段。',
				'2. 【判断题】下一题',
				'答案：对'
			)
		).toEqual([
			{ label: '第 1 题', problems: [], 题型: '单选', 题干: '第一行\n第二行', 选项A: '甲', 选项B: '乙', 答案: 'A', 解析: '要点如下：\n1. 坚持党的领导\n\n2. 坚持人民至上\n补充一段。' },
			{ label: '第 2 题', problems: [], 题型: '判断', 题干: '下一题', 答案: '对' }
		]);
	});

	it('names layout mistakes on the question: options after the key, letters out of order, a second key, a picture, too many options', () => {
		const r = parse(
			'1. 【单选题】漏了下一题的题号',
			'A. 甲',
			'B. 乙',
			'答案：A',
			'【单选题】没有题号的题',
			'A. 丙',
			'答案：B',
			'2. 【多选题】字母乱序',
			'A. 甲',
			'C. 乙',
			line('', { image: true }),
			'答案：AC',
			'3. 【单选题】九个选项',
			'A. 1 B. 2 C. 3 D. 4 E. 5 F. 6 G. 7 H. 8 I. 9',
			'答案：A'
		);
		expect(Array.isArray(r) && r.map((q) => [q.label, q.problems])).toEqual([
			['第 1 题', ['选项“A. 丙”写在了答案之后：选项应紧跟题干，或者这里漏写了下一题的题号', '“答案”写了两次：可能漏写了下一题的题号']],
			['第 2 题', ['题目中有图片或公式，题库只能保存文字：请改为文字描述', '选项字母应依次为 A、B、C……，第 2 个选项却是“C”']],
			['第 3 题', ['选项最多 8 个（A—H），这道题有 9 个']]
		]);
	});

	it('refuses a file whose numbers are Word list numbering, or whose first question has no number', () => {
		expect(parse('说明', line('【单选题】题干', { listed: true }), 'A. 甲', '答案：A')).toMatchObject({ ok: false, message: expect.stringContaining('Word 的自动编号（如“【单选题】题干”）') });
		expect(parse('1. 【单选题】题干', line('甲', { listed: true }), line('乙', { listed: true }), '答案：A')).toMatchObject({ ok: false, message: expect.stringContaining('（如“甲”）') });
		expect(parse('题库', '【单选题】题干', 'A. 甲', 'B. 乙', '答案：A', '2. 【判断题】对吗', '答案：对')).toEqual({ ok: false, message: '第一道题之前有选项或答案（“A. 甲”）：可能漏写了第一题的题号' });
		expect(parse('一、单选题', '党的宗旨')).toEqual({ ok: false, message: '文件中没有找到题目：每道题须以题号开头，如“1. 【单选题】题干”。请对照 Word 导入模板' });
	});

	it('does not take a decimal, a year or a Chinese list inside a question for a question or a section', () => {
		expect(parse('1. 【填空题】比上年增长', '1.5 倍以上的是____', '一、坚持党的领导', '答案：GDP')).toEqual([
			{ label: '第 1 题', problems: [], 题型: '填空', 题干: '比上年增长\n1.5 倍以上的是____\n一、坚持党的领导', 答案: 'GDP' }
		]);
	});
});
