import type { QuestionInput } from '../question-schema';
import { MAX_IMPORT_ROWS } from '../import';
import { Paragraph, TextRun, questionsDocument } from './write';

// The notes open with a mark so that none reads as a question, an option or an answer.
const notes = [
	'填写说明（本段说明在导入时会被忽略，可以保留）：',
	'※ 每道题以题号开头，如“1.”“2、”，题号后用【单选题】【多选题】【判断题】【填空题】注明题型；也可以先写“一、单选题”这样的标题，其下的题目不必逐题注明。',
	'※ 题号和选项字母请直接输入，不要使用 Word 的“自动编号”，否则导入时读不到。',
	'※ 单选、多选题的选项各占一行，写作“A. 选项内容”，依次为 A—H，2—8 个；也可以几个选项写在同一行，中间用空格隔开。判断题、填空题不写选项。',
	'※ 答案另起一行，写作“答案：B”。多选题写全部正确选项，如“答案：ACD”；判断题写“正确”或“错误”（也可写对、错、√、×）；填空题写可接受的答案，多个用 | 分隔。',
	'※ 可选：“难度：易/中/难”（不写为“中”）、“章节：3”（所属课时的序号）、“标签：党章”、“解析：……”，各占一行。',
	`※ 一次最多导入 ${MAX_IMPORT_ROWS} 道题。整个文件校验通过才会导入；有任何一道题出错，都不会导入，并逐题列出题号和原因。`
];

const examples: QuestionInput[] = [
	{ type: 'single', chapter: 1, tag: '党章', difficulty: 1, stem: '中国共产党的根本宗旨是（  ）。', options: ['解放和发展生产力', '全心全意为人民服务', '实现共同富裕', '坚持党的领导'], answer: 1, explanation: '全心全意为人民服务是党的根本宗旨。' },
	{ type: 'multiple', chapter: 2, tag: '党员', difficulty: 2, stem: '党员的权利包括（  ）。', options: ['参加党的有关会议', '在党的会议上参加讨论', '对党的工作提出建议', '随意退出党组织'], answer: [0, 1, 2], explanation: '党章第四条规定了党员的权利。' },
	{ type: 'true_false', chapter: 2, tag: '党员', difficulty: 1, stem: '预备党员的预备期为一年。', options: [], answer: true, explanation: '' },
	{ type: 'fill_blank', chapter: 3, tag: '组织制度', difficulty: 2, stem: '党的根本组织原则是____。', options: [], answer: ['民主集中制'], explanation: '党章规定，民主集中制是党的根本组织原则。' }
];

export const wordTemplateExamples = examples;

/** The Word template: the notes, then one example of each question type. */
export function wordTemplate() {
	const intro = notes.map((n, i) => new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: n, bold: i === 0 })] }));
	return questionsDocument('题目导入模板（Word）', intro, examples);
}
