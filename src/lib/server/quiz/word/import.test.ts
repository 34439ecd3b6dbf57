import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isActionFailure } from '@sveltejs/kit';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { testDatabase } from '../../../../test-support/db';
import type { OpenDatabase } from '../../db/engine';
import { buildSchool } from '../../../../test-support/cohorts';
import { keyedForm, outcome } from '../../../../test-support/once';
import { checkImport } from '../import';
import { importQuestionsOnce } from '../import-form';
import { wordTemplate, wordTemplateExamples } from './template';
import { MAX_WORD_BYTES } from './document';

// A Word bank as schools type it (not as the export writes it): sections that give their
// questions a type, "1、" and "A．", four options on one line, 【答案】, 对/错, and an
// explanation over two paragraphs. Built with the docx package, read through mammoth.

let t: OpenDatabase;
let courseId: number;
let actorId: number;

beforeAll(async () => {
	t = await testDatabase();
	actorId = (await buildSchool(t.db)).users.instructor.id;
	({ id: courseId } = await t.db.insertInto('course').values({ code: 'WRD', title: 'Word 导入', category: 'member_education', source: 'browser' }).returning('id').executeTakeFirstOrThrow());
});
afterAll(() => t.close());

const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const docx = async (paragraphs: Paragraph[], numbering?: ConstructorParameters<typeof Document>[0]['numbering']) =>
	new Uint8Array(await Packer.toBuffer(new Document({ numbering, sections: [{ children: paragraphs }] })));

/** 100 questions: 1–40 单选, 41–70 多选, 71–85 判断, 86–100 填空; `broken` spoils 37 and 64. */
function hundred(broken: boolean) {
	const out = [p('2026 年入党积极分子培训题库'), p('一、单项选择题（每题 1 分，共 40 分）')];
	for (let n = 1; n <= 40; n++) {
		out.push(p(`${n}、第 ${n} 道单选题：党的根本宗旨是（  ）。`), p('A．解放思想'), p('B．全心全意为人民服务'), p('C．实事求是'), p('D．与时俱进'));
		out.push(p(`答案：${broken && n === 37 ? 'E' : 'B'}`));
	}
	out.push(p('二、多项选择题'));
	for (let n = 41; n <= 70; n++) {
		out.push(p(broken && n === 64 ? `${n}.` : `${n}. 第 ${n} 道多选题：党员的权利包括（  ）。`), p('A. 参加党的会议  B. 参加讨论  C. 提出建议  D. 随意退党'), p('【答案】ACD'), p('难度：难'));
	}
	out.push(p('三、判断题'));
	for (let n = 71; n <= 85; n++) out.push(p(`${n}. 第 ${n} 道判断题：预备期为一年。`), p(`答案：${n % 2 ? '对' : '错'}`));
	for (let n = 86; n <= 100; n++) {
		out.push(p(`${n}. 【填空题】第 ${n} 道填空题：党的根本组织原则是____。`), p('答案：民主集中制|民主集中'), p('章节：3'), p('标签：组织制度'), p('解析：党章总纲规定。'), p('民主集中制是民主基础上的集中和集中指导下的民主相结合。'));
	}
	return docx(out);
}

const countQuestions = async () => Number((await t.db.selectFrom('question').select((eb) => eb.fn.countAll<number>().as('n')).where('courseId', '=', courseId).executeTakeFirstOrThrow()).n);
const countImports = async () => (await t.db.selectFrom('auditLog').select('id').where('action', '=', 'question.import').execute()).length;

describe('a Word question bank', () => {
	it('with two bad questions is refused, naming both numbers and why, and nothing is written', async () => {
		const file = new File([await hundred(true)], '题库.docx');
		const answer = await outcome(importQuestionsOnce(t.db, actorId, courseId, keyedForm({ file }), file));
		expect(isActionFailure(answer)).toBe(true);
		if (!isActionFailure(answer)) return;
		expect(answer.status).toBe(400);
		expect(answer.data).toEqual({
			message: '共 100 道题，其中 2 道题有误，未导入任何题目。请修改后重新上传。',
			errors: [
				{ rowNumber: 37, label: '第 37 题', stem: '第 37 道单选题：党的根本宗旨是（  ）。', messages: ['答案“E”超出了已填写的选项'] },
				{ rowNumber: 64, label: '第 64 题', stem: '', messages: ['题干不能为空'] }
			]
		});
		expect(await countQuestions()).toBe(0);
		expect(await countImports()).toBe(0);
	});

	it('once fixed, imports all 100 with their types, keys and details', async () => {
		const file = new File([await hundred(false)], '题库.docx');
		expect(await outcome(importQuestionsOnce(t.db, actorId, courseId, keyedForm({ file }), file))).toEqual({ redirect: `/bank/${courseId}?imported=100` });
		const rows = await t.db.selectFrom('question').select(['type', 'stem', 'options', 'answer', 'difficulty', 'chapter', 'tag', 'explanation']).where('courseId', '=', courseId).orderBy('id').execute();
		expect(rows).toHaveLength(100);
		expect(rows.map((r) => r.type).join(',')).toBe([...Array(40).fill('single'), ...Array(30).fill('multiple'), ...Array(15).fill('true_false'), ...Array(15).fill('fill_blank')].join(','));
		expect(rows[0]).toMatchObject({ stem: '第 1 道单选题：党的根本宗旨是（  ）。', options: ['解放思想', '全心全意为人民服务', '实事求是', '与时俱进'], answer: 1, difficulty: 2, chapter: null });
		expect(rows[40]).toMatchObject({ options: ['参加党的会议', '参加讨论', '提出建议', '随意退党'], answer: [0, 2, 3], difficulty: 3 });
		expect([rows[70].answer, rows[71].answer]).toEqual([true, false]);
		expect(rows[99]).toMatchObject({ answer: ['民主集中制', '民主集中'], chapter: 3, tag: '组织制度', explanation: '党章总纲规定。\n民主集中制是民主基础上的集中和集中指导下的民主相结合。' });
		expect(await countImports()).toBe(1);
	});

	it('template downloads as a .docx that imports as a small valid bank', async () => {
		const bytes = await wordTemplate();
		expect(bytes.byteLength).toBeLessThan(30_000);
		const checked = await checkImport(t.db, courseId, '题目导入模板.docx', bytes);
		expect(checked).toEqual({ ok: true, questions: wordTemplateExamples });
	});

	it('refuses what is not a readable .docx with a Chinese reason', async () => {
		const zip = (files: Record<string, string | Uint8Array>) => {
			const z = new JSZip();
			for (const [name, body] of Object.entries(files)) z.file(name, body);
			return z.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
		};
		const template = await wordTemplate();
		const autoNumbered = await docx(
			[1, 2].flatMap((n) => [new Paragraph({ numbering: { reference: 'q', level: 0 }, children: [new TextRun(`【单选题】第 ${n} 题题干`)] }), p('A. 甲'), p('B. 乙'), p('答案：A')]),
			{ config: [{ reference: 'q', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }] }] }
		);
		const cases: [string, Uint8Array | Promise<Uint8Array>, string][] = [
			['题库.docx', new Uint8Array(), '文件为空'],
			['题库.docx', new TextEncoder().encode('1. 【单选题】这只是改了扩展名的文本'), '无法读取文件，请确认是有效的 Word 文档（.docx）'],
			['题库.docx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), '这是旧版 Word 文档（.doc），请在 Word 中“另存为” .docx 格式后再上传'],
			['题库.doc', template, '这是旧版 Word 文档（.doc），请在 Word 中“另存为” .docx 格式后再上传'],
			['题库.pdf', template, '只支持 Excel（.xlsx）、CSV 或 Word（.docx）文件（旧版 .xls、.doc 请先另存为新格式）'],
			['题库.docx', new Uint8Array(MAX_WORD_BYTES + 1), '文件超过 5 MB，请拆分后分批导入（图片会使文件变大，题库只需要文字）'],
			['题库.docx', zip({ 'word/document.xml': '<w:document', '[Content_Types].xml': '<Types/>' }), '无法读取文件，请确认是有效的 Word 文档（.docx）'],
			['题库.docx', zip({ 'xl/workbook.xml': '<workbook/>' }), '无法读取文件，请确认是有效的 Word 文档（.docx）'],
			['题库.docx', zip({ 'word/document.xml': '<w:document/>', 'word/media/big.bin': new Uint8Array(40 * 1024 * 1024) }), '文件解压后超过 32 MB，请拆分后分批导入'],
			['题库.docx', docx([p('只有说明，没有题目')]), '文件中没有找到题目：每道题须以题号开头，如“1. 【单选题】题干”。请对照 Word 导入模板'],
			['题库.docx', autoNumbered, '文件中的题号或选项字母是 Word 的自动编号（如“【单选题】第 1 题题干”），导入时读不到：请选中全文，在“开始”中取消“编号”，手动输入题号（1. 2. …）和选项字母（A. B. …）后再上传']
		];
		for (const [name, bytes, message] of cases) expect(await checkImport(t.db, courseId, name, await bytes), name).toEqual({ ok: false, message, errors: [] });
	});
});
