import type { SourceQuestion } from '../import';
import type { Line } from './document';

// The layout Chinese question banks are kept in, read into the spreadsheet's columns so that
// a question from Word meets the same checks (import.ts) as one from a spreadsheet:
//
//   一、单选题                      (optional: a section gives its questions their type)
//   1. 【单选题】中国共产党的根本宗旨是（  ）。
//   A. 解放和发展生产力              (or several on one line: "A. … B. … C. …")
//   B. 全心全意为人民服务
//   答案：B                         (【答案】B, 正确答案：B …)
//   难度：易  章节：1  标签：党章      (optional, one per line)
//   解析：……                        (may run over several paragraphs, up to the next question)

export type BankParse = { ok: true; questions: SourceQuestion[] } | { ok: false; message: string };

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MAX_OPTIONS = 8;

const typeWords: Record<string, string> = {
	单选: '单选',
	单项选择: '单选',
	单选择: '单选',
	多选: '多选',
	多项选择: '多选',
	多选择: '多选',
	判断: '判断',
	是非: '判断',
	填空: '填空'
};

/** '单项选择题' → '单选'; another word ending in 题 ('简答题') as written, so the check names it; else null. */
function typeOf(text: string, strict: boolean): string | null {
	const word = text.replace(/\s+/g, '');
	const known = typeWords[word.replace(/题$/, '')];
	if (known) return known;
	return !strict && /^[\p{Script=Han}]{1,6}题$/u.test(word) ? word : null;
}

const NUMBERED = /^(?:第\s*(\d{1,4})\s*题\s*[.、．:：]?|(\d{1,4})\s*[.、．](?!\d))\s*(.*)$/s;
const HEADING = /^(?:[一二三四五六七八九十]+\s*[、.．]|第[一二三四五六七八九十]+(?:部分|大题)\s*[、.．:：]?)\s*(.+)$/s;
const OPTION = /^(?:([A-ZＡ-Ｚ])\s*[.、．:：)）]|[（(]\s*([A-ZＡ-Ｚ])\s*[)）])\s*(.*)$/s;
const field = (names: string) => new RegExp(`^(?:[【\\[［]\\s*(?:${names})\\s*[】\\]］]\\s*[:：]?|(?:${names})\\s*[:：])\\s*(.*)$`, 's');
const fields = [
	['解析', field('答案解析|试题解析|题目解析|解析')],
	['答案', field('正确答案|参考答案|标准答案|答案')],
	['难度', field('难易程度|难度')],
	['章节', field('所属章节|章节')],
	['标签', field('知识点|标签')]
] as const;
type FieldName = (typeof fields)[number][0];

const ascii = (letter: string) => letter.normalize('NFKC');
const withoutBracket = (text: string) => text.replace(/\s*[（(][^）)]*[）)]\s*$/, '').trim();

/** A type written before or after the stem: 【单选题】, [多选], （判断题）. */
function takeType(rest: string): { type: string | null; stem: string } {
	const lead = /^[【[［]\s*([^】\]］]{1,10}?)\s*[】\]］]\s*(.*)$/s.exec(rest);
	if (lead && typeOf(lead[1], false)) return { type: typeOf(lead[1], false), stem: lead[2] };
	const paren = /^[（(]\s*([^）)]{1,8}?)\s*[）)]\s*(.*)$/s.exec(rest);
	if (paren && typeOf(paren[1], true)) return { type: typeOf(paren[1], true), stem: paren[2] };
	const trail = /^(.*?)\s*[【[［（(]\s*([^】\]］）)]{1,8}?)\s*[】\]］）)]$/s.exec(rest);
	if (trail && typeOf(trail[2], true)) return { type: typeOf(trail[2], true), stem: trail[1] };
	return { type: null, stem: rest };
}

/** "A. 甲  B. 乙  C. 丙": options on one line, split where the next letter starts. */
function splitOptions(first: string, text: string): { letter: string; text: string }[] {
	const out = [{ letter: first, text }];
	for (;;) {
		const last = out[out.length - 1];
		const next = letters[letters.indexOf(last.letter) + 1];
		if (!next) return out;
		const at = new RegExp(`\\s+[（(]?${next}\\s*[.、．:：)）]\\s*`).exec(last.text);
		if (!at) return out;
		out.push({ letter: next, text: last.text.slice(at.index + at[0].length) });
		last.text = last.text.slice(0, at.index);
	}
}

interface Draft {
	number: number;
	section: string | null;
	type: string | null;
	stem: string[];
	options: { letter: string; text: string }[];
	values: Partial<Record<FieldName, string>>;
	field: 'stem' | 'option' | FieldName;
	problems: Set<string>;
}

const truthOptions: Record<string, string> = { 正确: '正确', 对: '正确', '√': '正确', 错误: '错误', 错: '错误', '×': '错误' };

function cellsOf(d: Draft): Record<string, string> {
	const type = d.type ?? '';
	let options = d.options.map((o) => o.text.trim());
	let answer = (d.values.答案 ?? '').trim();
	if (type === '单选' || type === '多选' || type === '判断') answer = answer.replace(/[。．.]+$/u, '');
	if (type === '判断') {
		answer = answer.replace(/[✓✔]/g, '√').replace(/[✗✘]/g, '×');
		// "A. 正确  B. 错误" with the answer as a letter: the option's word is the answer.
		const picked = /^[ABＡＢ]$/.test(answer) ? options[letters.indexOf(ascii(answer))] : undefined;
		if (options.length === 2 && options.every((o) => truthOptions[o])) {
			if (picked) answer = truthOptions[picked];
			options = [];
		}
	}
	const cells: Record<string, string> = { 题型: type, 题干: d.stem.join('\n').trim(), 答案: answer };
	options.slice(0, MAX_OPTIONS).forEach((o, i) => (cells[`选项${letters[i]}`] = o));
	for (const name of ['解析', '难度', '章节', '标签'] as const) cells[name] = (d.values[name] ?? '').trim();
	return cells;
}

function finish(d: Draft, label: string): SourceQuestion {
	const problems = [...d.problems];
	if (d.options.length > MAX_OPTIONS) problems.push(`选项最多 ${MAX_OPTIONS} 个（A—H），这道题有 ${d.options.length} 个`);
	const misplaced = d.options.findIndex((o, i) => o.letter !== letters[i]);
	if (misplaced >= 0) problems.push(`选项字母应依次为 A、B、C……，第 ${misplaced + 1} 个选项却是“${d.options[misplaced].letter}”`);
	const cells = cellsOf(d);
	return { rowNumber: d.number, label, cell: (h) => cells[h] ?? '', problems };
}

function times<K>(keys: K[]) {
	return keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<K, number>());
}

const pictureProblem = '题目中有图片或公式，题库只能保存文字：请改为文字描述';

const autoNumbered = (text: string) =>
	`文件中的题号或选项字母是 Word 的自动编号（如“${text.slice(0, 20)}”），导入时读不到：请选中全文，在“开始”中取消“编号”，手动输入题号（1. 2. …）和选项字母（A. B. …）后再上传`;

/** The questions of a Word bank in the file's order, or why the file as a whole cannot be read. */
export function parseBank(lines: Line[]): BankParse {
	const drafts: Draft[] = [];
	let current: Draft | null = null;
	let section: { name: string; type: string | null } | null = null;
	let orphan: string | null = null;
	let listed: string | null = null;
	let listedBefore: string | null = null;

	const append = (d: Draft, text: string) => {
		if (d.field === 'stem') d.stem.push(text);
		else if (d.field === 'option') d.options[d.options.length - 1].text += `\n${text}`;
		else d.values[d.field] = `${d.values[d.field]}\n${text}`;
	};

	for (const line of lines) {
		const text = line.text.trim();
		if (line.listed && text !== '' && !NUMBERED.test(text) && !OPTION.test(text)) {
			if (current) listed ??= text;
			else listedBefore ??= text;
		}
		// A line break inside an explanation's paragraph keeps to the explanation, whatever
		// the next line looks like: an exported explanation may list "1. … 2. …".
		if (current && line.continued && current.field === '解析') {
			append(current, text);
			if (line.image) current.problems.add(pictureProblem);
			continue;
		}
		if (text === '') {
			if (current && line.image) current.problems.add(pictureProblem);
			// A blank line kept inside a paragraph is part of its text; blank paragraphs are spacing.
			if (current && line.continued) append(current, '');
			continue;
		}
		const numbered = NUMBERED.exec(text);
		const heading = numbered ? null : HEADING.exec(text);
		const headingType = heading ? typeOf(withoutBracket(heading[1]), false) : null;
		if (numbered) {
			const { type, stem } = takeType(numbered[3]);
			current = {
				number: Number(numbered[1] ?? numbered[2]),
				section: section?.name ?? null,
				type: type ?? section?.type ?? null,
				stem: [stem],
				options: [],
				values: {},
				field: 'stem',
				problems: new Set()
			};
			drafts.push(current);
		} else if (heading && headingType) {
			section = { name: withoutBracket(text), type: headingType };
			current = null;
		} else {
			const option = OPTION.exec(text);
			const named = fields.map(([name, re]) => [name, re.exec(text)] as const).find(([, m]) => m);
			if (option && (!current || current.field === 'stem' || current.field === 'option')) {
				if (!current) orphan ??= text;
				else {
					current.options.push(...splitOptions(ascii(option[1] ?? option[2]), option[3]));
					current.field = 'option';
				}
			} else if (option && current && current.field !== '解析') {
				current.problems.add(`选项“${text.slice(0, 20)}”写在了答案之后：选项应紧跟题干，或者这里漏写了下一题的题号`);
			} else if (named) {
				const [name, m] = named;
				if (!current) {
					if (name === '答案') orphan ??= text;
				} else {
					if (current.values[name] !== undefined) current.problems.add(`“${name}”写了两次：可能漏写了下一题的题号`);
					current.values[name] = m![1];
					current.field = name;
				}
			} else if (current) append(current, text);
		}
		if (line.image && current) current.problems.add(pictureProblem);
	}

	if (listed || (drafts.length === 0 && listedBefore)) return { ok: false, message: autoNumbered((listed ?? listedBefore)!) };
	if (orphan) return { ok: false, message: `第一道题之前有选项或答案（“${orphan.slice(0, 20)}”）：可能漏写了第一题的题号` };
	if (drafts.length === 0) return { ok: false, message: '文件中没有找到题目：每道题须以题号开头，如“1. 【单选题】题干”。请对照 Word 导入模板' };

	// Numbers may start again in each section: the section then tells the questions apart, and
	// where even that repeats, the place (labels are unique: the page lists errors by them).
	const numbers = times(drafts.map((d) => d.number));
	const bases = drafts.map((d) => (numbers.get(d.number) === 1 || !d.section ? `第 ${d.number} 题` : `${d.section} 第 ${d.number} 题`));
	const repeats = times(bases);
	const seen = new Map<string, number>();
	return {
		ok: true,
		questions: drafts.map((d, i) => {
			const k = (seen.get(bases[i]) ?? 0) + 1;
			seen.set(bases[i], k);
			return finish(d, repeats.get(bases[i])! > 1 ? `${bases[i]}（第 ${k} 处）` : bases[i]);
		})
	};
}
