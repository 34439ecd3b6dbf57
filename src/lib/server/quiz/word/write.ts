import { Document, Packer, Paragraph, TextRun, HeadingLevel } from 'docx';
import { difficultyLabels } from '$lib/quiz/labels';
import type { QuestionInput } from '../question-schema';

// Writes questions in the layout parse.ts reads (so an export imports back as the same bank):
// one paragraph per field, a field's own line breaks as line breaks inside its paragraph.

const typeHeads = { single: '单选题', multiple: '多选题', true_false: '判断题', fill_blank: '填空题' } as const;
const letter = (i: number) => String.fromCharCode(65 + i);

/** The answer as the import reads it back: B, ACD, 正确, 甲|乙. */
export function answerText(q: Pick<QuestionInput, 'type' | 'answer'>) {
	if (q.type === 'single') return letter(q.answer as number);
	if (q.type === 'multiple') return (q.answer as number[]).map(letter).join('');
	if (q.type === 'true_false') return q.answer ? '正确' : '错误';
	return (q.answer as string[]).join('|');
}

// XML 1.0 has no place for most control characters: Word refuses a file that holds one.
const xmlSafe = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

/** A run per line of `text`, with a line break before each but the first. */
function lines(text: string, bold = false) {
	return xmlSafe(text)
		.split(/\r?\n/)
		.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, bold }));
}

function field(name: string, value: string) {
	return new Paragraph({ children: [new TextRun({ text: `${name}：`, bold: true }), ...lines(value)] });
}

/** One question's paragraphs, numbered `n`. */
export function questionParagraphs(q: QuestionInput, n: number): Paragraph[] {
	const out = [
		new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: `${n}. 【${typeHeads[q.type]}】`, bold: true }), ...lines(q.stem)] }),
		...q.options.map((o, i) => new Paragraph({ indent: { left: 420 }, children: lines(`${letter(i)}. ${o}`) })),
		field('答案', answerText(q)),
		field('难度', difficultyLabels[q.difficulty] ?? String(q.difficulty))
	];
	if (q.chapter !== null) out.push(field('章节', String(q.chapter)));
	if (q.tag) out.push(field('标签', q.tag));
	if (q.explanation) out.push(field('解析', q.explanation));
	return out;
}

/** A .docx: a title, paragraphs before the questions (not read back by the import), then the questions. */
export async function questionsDocument(title: string, intro: Paragraph[], questions: QuestionInput[]): Promise<Uint8Array<ArrayBuffer>> {
	const document = new Document({
		title,
		creator: '网上党校',
		styles: { default: { document: { run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' }, size: 24 } } } },
		sections: [
			{
				children: [
					new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(xmlSafe(title))] }),
					...intro,
					...questions.flatMap((q, i) => questionParagraphs(q, i + 1))
				]
			}
		]
	});
	return new Uint8Array(await Packer.toArrayBuffer(document));
}

export { Paragraph, TextRun };
