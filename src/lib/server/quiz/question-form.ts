import { z } from 'zod';
import { formFields, many, sentText, sentTexts } from '$lib/validation/form';
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

// The form as typed, for checking and for showing again: nothing here is refused (checkQuestion
// judges the values and names what is wrong).
const questionForm = z
	.object({
		type: sentText(),
		chapter: sentText(),
		tag: sentText(),
		difficulty: sentText(),
		stem: sentText(),
		option: sentTexts(),
		answerSingle: sentText(),
		answerMultiple: many(z.unknown()).transform((vs) => vs.filter((v): v is string => typeof v === 'string')),
		answerTrueFalse: sentText(),
		answerFill: sentText(),
		explanation: sentText()
	})
	.transform(({ option, ...v }): QuestionFormValues => ({ ...v, options: option }));

export function questionFormValues(form: FormData): QuestionFormValues {
	return questionForm.parse(formFields(form));
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
