import type { PaperItem, QuestionType, Response } from './tables';

export interface BankText {
	id: number;
	type: QuestionType;
	stem: string;
	options: string[];
}

/** A question as the learner gets it while answering: text only, never the key. */
export interface PaperQuestion {
	id: number;
	n: number;
	type: QuestionType;
	stem: string;
	points: number;
	/** in the order this learner sees them; `i` is the option's index as written */
	options: { i: number; text: string }[];
}

export function paperQuestions(paper: PaperItem[], bank: Map<number, BankText>): PaperQuestion[] {
	return paper.map((item, k) => {
		const q = bank.get(item.q);
		if (!q) throw new Error(`试卷中的题目 ${item.q} 已不存在`);
		const order = item.o ?? q.options.map((_, i) => i);
		return {
			id: q.id,
			n: k + 1,
			type: q.type,
			stem: q.stem,
			points: item.p,
			options: order.filter((i) => i < q.options.length).map((i) => ({ i, text: q.options[i] }))
		};
	});
}

/** Letters as this learner saw them: the key 'A' of one paper is 'C' of another. */
export function shownLetters(item: PaperItem, indexes: number[]) {
	const pos = (i: number) => (item.o ? item.o.indexOf(i) : i);
	return indexes
		.map(pos)
		.sort((a, b) => a - b)
		.map((p) => String.fromCharCode(65 + p))
		.join('、');
}

/** A response in words, for review pages and exports. */
export function responseText(type: QuestionType, response: Response | null | undefined, item?: PaperItem) {
	if (response === null || response === undefined) return '';
	if (type === 'single') return item ? shownLetters(item, [response as number]) : String.fromCharCode(65 + (response as number));
	if (type === 'multiple') return item ? shownLetters(item, response as number[]) : (response as number[]).map((i) => String.fromCharCode(65 + i)).join('、');
	if (type === 'true_false') return response ? '正确' : '错误';
	return String(response);
}
