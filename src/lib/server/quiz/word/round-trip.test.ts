import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test-support/db';
import type { OpenDatabase } from '../../db/engine';
import { buildSchool } from '../../../../test-support/cohorts';
import type { QuestionInput } from '../question-schema';
import { applyImport, checkImport } from '../import';
import { bankDocument, bankQuestions } from './export';

// A bank exported to Word and imported into another course is the same bank: every field of
// every question, including the texts the layout itself uses (numbered lines, letters, 答案：).

let t: OpenDatabase;
let actorId: number;
const course = async (code: string) =>
	(await t.db.insertInto('course').values({ code, title: `往返 ${code}`, category: 'member_education', source: 'browser' }).returning(['id', 'title']).executeTakeFirstOrThrow());

const bank: QuestionInput[] = [
	{ type: 'single', chapter: 1, tag: '党章', difficulty: 1, stem: '中国共产党的根本宗旨是（  ）。', options: ['解放和发展生产力', '全心全意为人民服务', '实现共同富裕'], answer: 1, explanation: '全心全意为人民服务是党的根本宗旨。' },
	{ type: 'single', chapter: null, tag: '', difficulty: 3, stem: '【党史】第一行\n第二行：1921 年', options: ['<b>&amp;</b>', '"引号" \'单引号\'', 'A. 像选项的选项', '答案：像答案的选项', '5', '6', '7', '八'], answer: 7, explanation: '' },
	{ type: 'multiple', chapter: 12, tag: '党员', difficulty: 2, stem: '党员的权利包括（  ）。', options: ['参加党的有关会议', '参加讨论', '提出建议', '随意退出'], answer: [0, 1, 2], explanation: '要点：\n1. 参加会议\n2. 参加讨论\n\n一、以上均见党章第四条。\n答案：ABC' },
	{ type: 'true_false', chapter: 2, tag: '', difficulty: 2, stem: '预备党员的预备期为两年。', options: [], answer: false, explanation: '预备期为一年。' },
	{ type: 'true_false', chapter: null, tag: '', difficulty: 1, stem: '党的最高理想是实现共产主义。', options: [], answer: true, explanation: '' },
	{ type: 'fill_blank', chapter: 3, tag: '组织制度', difficulty: 2, stem: '党的根本组织原则是____。', options: [], answer: ['民主集中制', '民主集中'], explanation: '党章规定。' },
	{ type: 'fill_blank', chapter: 99, tag: '数字', difficulty: 3, stem: '1.5 是____的一半。', options: [], answer: ['3'], explanation: '1. 第一步\n2. 第二步' }
];

beforeAll(async () => {
	t = await testDatabase();
	actorId = (await buildSchool(t.db)).users.instructor.id;
});
afterAll(() => t.close());

describe('a bank exported to Word', () => {
	it('imports back as the same questions: type, stem, options, key, explanation, difficulty, chapter and tag', async () => {
		const from = await course('RTA');
		const to = await course('RTB');
		await applyImport(t.db, actorId, from.id, '原题库', bank);
		const exported = await bankQuestions(t.db, from.id);
		expect(exported).toHaveLength(bank.length);

		const bytes = await bankDocument(t.db, from);
		const checked = await checkImport(t.db, to.id, `${from.title}.docx`, bytes);
		expect(checked.ok ? checked.questions : checked).toEqual(exported);
		if (!checked.ok) return;
		await applyImport(t.db, actorId, to.id, `${from.title}.docx`, checked.questions);
		expect(await bankQuestions(t.db, to.id)).toEqual(exported);

		// The same file once more is refused whole: every question is already in the bank.
		const again = await checkImport(t.db, to.id, `${from.title}.docx`, bytes);
		expect(again).toMatchObject({ ok: false, message: `共 ${bank.length} 道题，其中 ${bank.length} 道题有误，未导入任何题目。请修改后重新上传。` });
	});

	it('leaves archived questions out, and writes an empty bank as a file that says it has no questions', async () => {
		const c = await course('RTC');
		await applyImport(t.db, actorId, c.id, '原题库', bank.slice(0, 1));
		await t.db.updateTable('question').set({ archivedAt: new Date() }).where('courseId', '=', c.id).execute();
		const checked = await checkImport(t.db, c.id, 'x.docx', await bankDocument(t.db, c));
		expect(checked).toEqual({ ok: false, message: '文件中没有找到题目：每道题须以题号开头，如“1. 【单选题】题干”。请对照 Word 导入模板', errors: [] });
	});
});
