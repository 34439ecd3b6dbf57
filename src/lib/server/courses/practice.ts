import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema';
import { gradeItem, type Gradable } from '../quiz/grade';
import { GRACE_SECONDS } from '../quiz/policy';
import type { AnswerKey, QuestionType, Response } from '../quiz/tables';
import { lessonPage } from './catalog';
import { text } from '$lib/validation/fields';

export { normaliseFill } from '../quiz/normalise';

// Practice questions embedded in lessons (<Practice id="act-012" />) come from the question
// bank, where content/ banks are synced on start: a key fixed there is fixed here too.
// Practice hands out keys, so the questions a published lesson embeds and the questions an
// exam may draw are kept apart at the source: exam pools leave out practice (notPractice).

/** How rendered lesson HTML names an embedded question (markdown.ts, Practice.svelte); ids are [A-Za-z0-9_-]. */
export const PRACTICE_MARK = 'data-question-id="([A-Za-z0-9_-]+)"';

export function embeddedPracticeIds(html: string) {
	return new Set([...html.matchAll(new RegExp(PRACTICE_MARK, 'g'))].map((m) => m[1]));
}

/**
 * For a `question` row: no published lesson of its course embeds it. The same pattern as
 * embeddedPracticeIds, read in SQL so that a pool query stays one statement.
 */
export function notPractice(eb: ExpressionBuilder<Database, 'question'>) {
	return sql<boolean>`not exists (
		select 1 from lesson l
		join lesson_version v on v.id = l.published_version_id
		cross join lateral regexp_matches(v.html, ${PRACTICE_MARK}::text, 'g') as m(ids)
		where l.course_id = ${eb.ref('question.courseId')} and m.ids[1] = ${eb.ref('question.code')}
	)`;
}

export interface PracticeQuestion {
	id: string;
	type: QuestionType;
	stem: string;
	options: string[];
	answer: AnswerKey;
	explanation: string;
}

/** A practice question is always asked for in the lesson that shows it. */
export interface PracticeRequest {
	personId: number;
	course: string;
	lesson: string;
	id: string;
}

export type PracticeRefusal = { ok: false; status: 400 | 404 | 409; message: string };

const notFound: PracticeRefusal = { ok: false, status: 404, message: '未找到该练习题' };

/**
 * The question, when the lesson is one the person may open (the lesson page's own rule:
 * lessonPage), it embeds the question from its own course's bank, the person has no exam
 * attempt running and no running paper holds the question (one drawn before a lesson took
 * it up, or from a pool read seconds before).
 */
async function servable(db: Kysely<Database>, r: PracticeRequest): Promise<PracticeRefusal | { ok: true; question: PracticeQuestion }> {
	const page = await lessonPage(db, r.course, r.lesson, r.personId);
	if (!page || !embeddedPracticeIds(page.html).has(r.id)) return notFound;
	const running = (person: boolean) =>
		sql<boolean>`exists (
			select 1 from exam_attempt a
			where a.status = 'in_progress' and now() < a.deadline_at + make_interval(secs => ${GRACE_SECONDS})
			and ${person ? sql`a.person_id = ${r.personId}` : sql`a.paper @> jsonb_build_array(jsonb_build_object('q', q.id))`}
		)`;
	const row = await db
		.selectFrom('question as q')
		.innerJoin('course as c', 'c.id', 'q.courseId')
		.select(['q.code as id', 'q.type', 'q.stem', 'q.options', 'q.answer', 'q.explanation', running(true).as('examRunning'), running(false).as('onRunningPaper')])
		.where('c.code', '=', page.code)
		.where('q.code', '=', r.id)
		.where('q.archivedAt', 'is', null)
		.executeTakeFirst();
	if (!row) return notFound;
	if (row.examRunning) return { ok: false, status: 409, message: '考试进行中，交卷后才能做随堂练习' };
	if (row.onRunningPaper) return { ok: false, status: 409, message: '该练习题暂不可用，请稍后再试' };
	const { examRunning: _, onRunningPaper: __, ...question } = row;
	return { ok: true, question: question as PracticeQuestion };
}

/** GET /api/practice/[id]: the question without its key. */
export async function openPractice(db: Kysely<Database>, r: PracticeRequest) {
	const found = await servable(db, r);
	if (!found.ok) return found;
	const { id, type, stem, options } = found.question;
	return { ok: true as const, question: { id, type, stem, options } };
}

// Each branch says in Chinese what is wrong: a union passes on the message of the branch that
// came closest (a string that is too long, a number that is no option's index).
const optionIndex = z.number({ error: '请先作答' }).int('答案无效：选项序号应为整数').min(0, '答案无效：选项序号应为整数').max(99, '答案无效：没有这个选项');
const answerBody = z.object(
	{
		answer: z.union([optionIndex, z.boolean(), text('答案', { min: 1, max: 500 }), z.array(optionIndex).max(20, '答案无效：选项过多')], { error: '请先作答' })
	},
	{ error: '请先作答' }
);

/** POST /api/practice/[id]: grades an answer; only then is the key sent back. */
export async function answerPractice(db: Kysely<Database>, r: PracticeRequest, body: unknown) {
	const parsed = answerBody.safeParse(body);
	if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues[0]?.message ?? '请先作答' } as PracticeRefusal;
	const found = await servable(db, r);
	if (!found.ok) return found;
	const q = found.question;
	return { ok: true as const, result: { correct: checkPractice(q, parsed.data.answer), answer: q.answer, explanation: q.explanation } };
}

/** Graded the way exams grade (normalised fill-ins, all-or-nothing multiple choice). */
export function checkPractice(q: Gradable, answer: unknown) {
	return gradeItem(q, answer as Response, 1, 'all_or_nothing').correct;
}
