import type { AnswerKey, QuestionType } from './tables';
import { checkQuestion, type Checked } from './question-schema';

/** What the question form shows: texts as typed, the key per type. */
export interface QuestionFormValues {
	type: string;
	chapter: string;
	tag: string;
	difficulty: string;
	stem: string;
	options: string[];
	answerSingle: string;
	answerMultiple: string[];
	answerTrueFalse: string;
	answerFill: string;
	explanation: string;
}

export function questionFormOf(q?: { type: QuestionType; chapter: number | null; tag: string; difficulty: number; stem: string; options: string[]; answer: AnswerKey; explanation: string }): QuestionFormValues {
	const options = q?.options.length ? [...q.options] : ['', '', '', ''];
	return {
		type: q?.type ?? 'single',
		chapter: q?.chapter ? String(q.chapter) : '',
		tag: q?.tag ?? '',
		difficulty: String(q?.difficulty ?? 2),
		stem: q?.stem ?? '',
		options,
		answerSingle: q?.type === 'single' ? String(q.answer) : '',
		answerMultiple: q?.type === 'multiple' ? (q.answer as number[]).map(String) : [],
		answerTrueFalse: q?.type === 'true_false' ? String(q.answer) : '',
		answerFill: q?.type === 'fill_blank' ? (q.answer as string[]).join('\n') : '',
		explanation: q?.explanation ?? ''
	};
}

export function questionFormValues(form: FormData): QuestionFormValues {
	const text = (k: string) => (typeof form.get(k) === 'string' ? (form.get(k) as string) : '');
	return {
		type: text('type'),
		chapter: text('chapter'),
		tag: text('tag'),
		difficulty: text('difficulty'),
		stem: text('stem'),
		options: form.getAll('option').map((v) => (typeof v === 'string' ? v : '')),
		answerSingle: text('answerSingle'),
		answerMultiple: form.getAll('answerMultiple').filter((v): v is string => typeof v === 'string'),
		answerTrueFalse: text('answerTrueFalse'),
		answerFill: text('answerFill'),
		explanation: text('explanation')
	};
}

/** Form → a checked question. Blank option rows are dropped and the key follows its options. */
export function questionFromForm(v: QuestionFormValues): Checked {
	const kept = v.options.map((text, i) => ({ text: text.trim(), i })).filter((o) => o.text !== '');
	const at = (i: string) => kept.findIndex((o) => o.i === Number(i));
	const choice = v.type === 'single' || v.type === 'multiple';
	if (choice && v.type === 'single' && v.answerSingle !== '' && at(v.answerSingle) < 0) return { ok: false, errors: ['正确答案对应的选项是空的'] };
	if (choice && v.type === 'multiple' && v.answerMultiple.some((i) => at(i) < 0)) return { ok: false, errors: ['正确答案对应的选项是空的'] };
	const answer =
		v.type === 'single'
			? v.answerSingle === '' ? null : at(v.answerSingle)
			: v.type === 'multiple'
				? v.answerMultiple.map(at)
				: v.type === 'true_false'
					? v.answerTrueFalse === 'true' ? true : v.answerTrueFalse === 'false' ? false : null
					: v.answerFill.split(/\r?\n|[|｜]/).map((s) => s.trim()).filter(Boolean);
	return checkQuestion({
		type: v.type,
		chapter: v.chapter.trim() === '' ? null : Number(v.chapter),
		tag: v.tag,
		difficulty: Number(v.difficulty),
		stem: v.stem,
		options: choice ? kept.map((o) => o.text) : [],
		answer,
		explanation: v.explanation
	});
}
