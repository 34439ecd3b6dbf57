import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { appendAudit } from '../audit/log';
import { dataRows, readSpreadsheet } from '../spreadsheet/read';
import { xlsx } from '../spreadsheet/write';
import { transact } from '../db/transact';
import { questionTypeLabels } from '$lib/quiz/labels';
import { checkQuestion, type QuestionInput } from './question-schema';
import { jsonb } from './jsonb';
import { forgetPools } from './pool';
import { isWordFile, readWordBank, unsupportedFileMessage } from './word/read';
import type { QuestionType } from './tables';

export const MAX_IMPORT_ROWS = 2000;
const letters = 'ABCDEFGH';

export const importColumns = ['题型', '章节', '难度', '标签', '题干', ...[...letters].map((l) => `选项${l}`), '答案', '解析'] as const;

export interface RowError {
	rowNumber: number;
	/** '第 3 行' or '第 12 题', as the page lists it */
	label: string;
	stem: string;
	messages: string[];
}

export type ImportCheck = { ok: true; questions: QuestionInput[] } | { ok: false; message: string; errors: RowError[] };

const typeByLabel: Record<string, QuestionType> = { 单选: 'single', 单选题: 'single', 多选: 'multiple', 多选题: 'multiple', 判断: 'true_false', 判断题: 'true_false', 填空: 'fill_blank', 填空题: 'fill_blank' };
const difficultyByLabel: Record<string, number> = { '': 2, '1': 1, '2': 2, '3': 3, 易: 1, 中: 2, 难: 3 };
const truthByLabel: Record<string, boolean> = { 正确: true, 对: true, '√': true, 是: true, true: true, t: true, 错误: false, 错: false, '×': false, 否: false, false: false, f: false };

/** One question by its importColumns values (a spreadsheet row, a Word question) → a question to check, or the reasons it cannot be one. */
function rowQuestion(cell: (h: string) => string): { input?: unknown; problems: string[] } {
	const problems: string[] = [];
	const typeText = cell('题型');
	const type = typeByLabel[typeText] ?? (Object.keys(questionTypeLabels).includes(typeText) ? (typeText as QuestionType) : undefined);
	if (!type) return { problems: [typeText === '' ? '未注明题型，应为单选、多选、判断或填空' : `题型“${typeText}”无法识别，应为单选、多选、判断或填空`] };
	const chapterText = cell('章节');
	const chapter = chapterText === '' ? null : Number(chapterText.replace(/^第|[讲章课]$/g, ''));
	if (chapter !== null && !Number.isInteger(chapter)) problems.push(`章节“${chapterText}”应为数字`);
	const difficulty = difficultyByLabel[cell('难度')];
	if (difficulty === undefined) problems.push(`难度“${cell('难度')}”应为 1、2、3 或 易、中、难`);
	const raw = [...letters].map((l) => cell(`选项${l}`));
	const last = raw.findLastIndex((o) => o !== '');
	const options = raw.slice(0, last + 1);
	const blank = options.findIndex((o) => o === '');
	if (blank >= 0) problems.push(`选项${letters[blank]}是空的`);
	const answerText = cell('答案').normalize('NFKC').trim();
	let answer: unknown = null;
	if (type === 'single' || type === 'multiple') {
		const picked = answerText.toUpperCase().replace(/[\s,、;；]/g, '');
		if (!/^[A-H]+$/.test(picked)) problems.push(`答案“${cell('答案')}”应为选项字母，如 B 或 ACD`);
		else if (type === 'single' && picked.length !== 1) problems.push('单选题的答案只能是一个字母');
		else if ([...picked].some((l) => letters.indexOf(l) >= options.length)) problems.push(`答案“${picked}”超出了已填写的选项`);
		const indexes = [...new Set([...picked].map((l) => letters.indexOf(l)))];
		answer = type === 'single' ? indexes[0] : indexes;
	} else if (type === 'true_false') {
		answer = truthByLabel[answerText.toLowerCase()];
		if (answer === undefined) problems.push(`答案“${cell('答案')}”应为“正确”或“错误”`);
	} else {
		answer = cell('答案').split(/[|｜\n]/).map((s) => s.trim()).filter(Boolean);
	}
	return { input: { type, chapter, tag: cell('标签'), difficulty, stem: cell('题干'), options: type === 'single' || type === 'multiple' ? options : [], answer, explanation: cell('解析') }, problems };
}

/** One question as its file gives it: a spreadsheet row, or a numbered question of a Word file. */
export interface SourceQuestion {
	/** the row, or the question's number in the file */
	rowNumber: number;
	/** how messages name it: '第 3 行', '第 12 题' */
	label: string;
	/** its value under an importColumns heading ('' when the file has none) */
	cell: (heading: string) => string;
	/** what the reader already found wrong with its layout */
	problems?: string[];
}

const SPREADSHEET = /\.(xlsx|csv)$/i;

/** Checks a whole file: nothing is imported unless every question is right (each bad one named). */
export async function checkImport(db: Kysely<Database>, courseId: number, name: string, bytes: Uint8Array): Promise<ImportCheck> {
	const fail = (message: string): ImportCheck => ({ ok: false, message, errors: [] });
	if (isWordFile(name)) {
		const read = await readWordBank(bytes);
		return read.ok ? checkQuestions(db, courseId, read.questions, '道题') : fail(read.message);
	}
	if (!SPREADSHEET.test(name)) return fail(unsupportedFileMessage(name));
	const sheet = await readSpreadsheet(name, bytes);
	if (!sheet.ok) return fail(sheet.message);
	const table = sheet.table;
	const header = (table[0] ?? []).map((h) => h.replace(/\s+/g, ''));
	const missing = ['题型', '题干', '答案'].filter((h) => !header.includes(h));
	if (missing.length) return fail(`第 1 行（表头）缺少列：${missing.join('、')}。请使用导入模板。`);
	const rows = dataRows(table).map(({ rowNumber, cells }) => ({
		rowNumber,
		label: `第 ${rowNumber} 行`,
		cell: (h: string) => (header.indexOf(h) >= 0 ? (cells[header.indexOf(h)] ?? '').trim() : '')
	}));
	return checkQuestions(db, courseId, rows, '行');
}

/**
 * The questions of one file by the bank's rules (rowQuestion, then checkQuestion, then no
 * duplicate of the bank or of the file), whatever the file's format; `noun` counts the bad ones.
 */
export async function checkQuestions(db: Kysely<Database>, courseId: number, rows: SourceQuestion[], noun: '行' | '道题'): Promise<ImportCheck> {
	const fail = (message: string): ImportCheck => ({ ok: false, message, errors: [] });
	if (rows.length === 0) return fail('文件中没有题目');
	if (rows.length > MAX_IMPORT_ROWS) return fail(`一次最多导入 ${MAX_IMPORT_ROWS} 道题，请拆分文件`);
	const existing = await db.selectFrom('question').select(['type', 'stem']).where('courseId', '=', courseId).where('archivedAt', 'is', null).execute();
	const seen = new Map<string, string | null>(existing.map((q) => [`${q.type}|${q.stem}`, null]));
	const errors: RowError[] = [];
	const questions: QuestionInput[] = [];
	for (const { rowNumber, label, cell, problems: layout = [] } of rows) {
		const { input, problems } = rowQuestion(cell);
		problems.unshift(...layout);
		const checked = input && problems.length === 0 ? checkQuestion(input) : null;
		if (checked && !checked.ok) problems.push(...checked.errors);
		if (checked?.ok) {
			const key = `${checked.value.type}|${checked.value.stem}`;
			const earlier = seen.get(key);
			if (earlier !== undefined) problems.push(earlier ? `与${earlier}重复` : '题库中已有相同题干的同类题目');
			else seen.set(key, label);
		}
		if (problems.length) errors.push({ rowNumber, label, stem: cell('题干').slice(0, 40), messages: problems });
		else if (checked?.ok) questions.push(checked.value);
	}
	if (errors.length) return { ok: false, message: `共 ${rows.length} 道题，其中 ${errors.length} ${noun}有误，未导入任何题目。请修改后重新上传。`, errors };
	return { ok: true, questions };
}

export async function applyImport(db: Kysely<Database>, actorId: number, courseId: number, fileName: string, questions: QuestionInput[]) {
	return transact(db, async (trx) => {
		for (let i = 0; i < questions.length; i += 500) {
			await trx
				.insertInto('question')
				.values(questions.slice(i, i + 500).map((q) => ({ ...q, answer: jsonb(q.answer), courseId, source: 'browser' as const, createdBy: actorId })))
				.execute();
		}
		await appendAudit(trx, { actorId, action: 'question.import', entityType: 'course', entityId: courseId, after: { fileName, count: questions.length } });
		return questions.length;
	}).finally(() => forgetPools(db));
}

/** The import template: headers, two example rows, and notes on a second sheet. */
export function importTemplate() {
	const examples = [
		{ 题型: '单选', 章节: 1, 难度: 1, 标签: '党章', 题干: '中国共产党的根本宗旨是（  ）。', 选项A: '解放和发展生产力', 选项B: '全心全意为人民服务', 选项C: '实现共同富裕', 答案: 'B', 解析: '全心全意为人民服务是党的根本宗旨。' },
		{ 题型: '填空', 章节: 3, 难度: 2, 标签: '组织制度', 题干: '党的根本组织原则是____。', 答案: '民主集中制', 解析: '党章规定，民主集中制是党的根本组织原则。' }
	];
	const notes = [
		'题型：单选、多选、判断、填空。',
		'章节：所属课时的序号（数字），可留空。难度：1/2/3 或 易/中/难，留空为“中”。',
		'选项A—选项H：单选、多选题按顺序填写 2—8 个选项，中间不要留空列；判断题、填空题不填。',
		'答案：单选填一个字母（如 B）；多选填多个字母（如 ACD）；判断填“正确”或“错误”；填空填可接受的答案，多个用 | 分隔。',
		'整个文件校验通过才会导入；有任何一行出错，都不会导入，并逐行列出原因。'
	];
	return xlsx([
		{ name: '题目', columns: importColumns.map((h) => ({ header: h, key: h, width: h === '题干' || h === '解析' ? 40 : h.startsWith('选项') ? 16 : 8 })), rows: examples },
		{ name: '填写说明', columns: [{ header: '说明', key: 'n', width: 100 }], rows: notes.map((n) => ({ n })) }
	]);
}
