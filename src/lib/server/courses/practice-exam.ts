import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { GRACE_SECONDS } from '../quiz/policy';
import type { QuestionType, Response } from '../quiz/tables';
import { checkPractice, PRACTICE_MARK, type PracticeQuestion } from './practice';

// 练习测验: a set of the course's practice questions — those its published lessons embed, whose
// keys each lesson already shows after an answer — asked together and graded at once. Nothing is
// recorded and nothing counts toward 学时 or the exam. The same rules as one practice question
// (practice.ts servable) hold for the whole set: never while the person sits an exam, never a
// question on someone's running paper, never one an exam may draw (exam pools leave practice out).

export const PRACTICE_SET_SIZE = 10;

function practiceQuestions(db: Kysely<Database>, courseCode: string) {
	return db
		.selectFrom('question as q')
		.innerJoin('course as c', 'c.id', 'q.courseId')
		.select(['q.code as id', 'q.type', 'q.stem', 'q.options', 'q.answer', 'q.explanation'])
		.where('c.code', '=', courseCode)
		.where('q.archivedAt', 'is', null)
		.where('q.code', 'is not', null)
		.where(
			sql<boolean>`exists (
				select 1 from lesson l
				join lesson_version v on v.id = l.published_version_id
				cross join lateral regexp_matches(v.html, ${PRACTICE_MARK}::text, 'g') as m(ids)
				where l.course_id = c.id and m.ids[1] = q.code
			)`
		)
		.where(
			sql<boolean>`not exists (
				select 1 from exam_attempt a
				where a.status = 'in_progress' and now() < a.deadline_at + make_interval(secs => ${GRACE_SECONDS})
				and a.paper @> jsonb_build_array(jsonb_build_object('q', q.id))
			)`
		);
}

async function examRunning(db: Kysely<Database>, personId: number) {
	const row = await db
		.selectFrom('examAttempt')
		.select('id')
		.where('personId', '=', personId)
		.where('status', '=', 'in_progress')
		.where(sql<boolean>`now() < deadline_at + make_interval(secs => ${GRACE_SECONDS})`)
		.executeTakeFirst();
	return row !== undefined;
}

export type PracticeSetRefusal = { ok: false; message: string };
const whileExam: PracticeSetRefusal = { ok: false, message: '考试进行中，交卷后才能做练习测验' };

/** How many practice questions the course's published lessons hold (0: no 练习测验 to offer). */
export async function practiceCount(db: Kysely<Database>, courseCode: string) {
	const row = await practiceQuestions(db, courseCode)
		.clearSelect()
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** A fresh set drawn at random, without keys. */
export async function drawPracticeSet(db: Kysely<Database>, personId: number, courseCode: string) {
	if (await examRunning(db, personId)) return whileExam;
	const rows = await practiceQuestions(db, courseCode).orderBy(sql`random()`).limit(PRACTICE_SET_SIZE).execute();
	return { ok: true as const, questions: rows.map(({ id, type, stem, options }) => ({ id: id!, type: type as QuestionType, stem, options: options as string[] })) };
}

export interface PracticeSetResult {
	id: string;
	type: QuestionType;
	stem: string;
	options: string[];
	given: Response | null;
	correct: boolean;
	answer: PracticeQuestion['answer'];
	explanation: string;
}

/** What the form sent for one question, read as that question's type answers (null: no answer). */
export function responseOf(type: QuestionType, sent: string[]): Response | null {
	const index = (v: string) => (/^\d{1,2}$/.test(v) ? Number(v) : null);
	switch (type) {
		case 'single':
			return sent.length ? index(sent[0]) : null;
		case 'multiple': {
			const picked = sent.map(index);
			return picked.length && picked.every((n) => n !== null) ? [...new Set(picked as number[])] : null;
		}
		case 'true_false':
			return sent[0] === 'true' ? true : sent[0] === 'false' ? false : null;
		case 'fill_blank':
			return sent[0]?.trim() ? sent[0].trim().slice(0, 500) : null;
	}
}

/**
 * The answers graded, in the order asked. Ids that are not (or no longer) practice questions of
 * the course are left out rather than graded, so a crafted form learns nothing from them.
 */
export async function gradePracticeSet(db: Kysely<Database>, personId: number, courseCode: string, answers: { id: string; sent: string[] }[]) {
	if (await examRunning(db, personId)) return whileExam;
	const ids = [...new Set(answers.map((a) => a.id))].slice(0, PRACTICE_SET_SIZE);
	if (ids.length === 0) return { ok: false as const, message: '没有可评分的题目，请重新开始练习' };
	const rows = await practiceQuestions(db, courseCode).where('q.code', 'in', ids).execute();
	const byId = new Map(rows.map((r) => [r.id!, r]));
	const results: PracticeSetResult[] = [];
	for (const a of answers) {
		const q = byId.get(a.id);
		if (!q || results.some((r) => r.id === a.id)) continue;
		const question = { type: q.type as QuestionType, answer: q.answer as PracticeQuestion['answer'] };
		const given = responseOf(question.type, a.sent);
		results.push({
			id: a.id,
			type: q.type as QuestionType,
			stem: q.stem,
			options: q.options as string[],
			given,
			correct: given !== null && checkPractice(question, given),
			answer: q.answer as PracticeQuestion['answer'],
			explanation: q.explanation
		});
	}
	if (results.length === 0) return { ok: false as const, message: '这些题目已不在练习中，请重新开始练习' };
	return { ok: true as const, results, right: results.filter((r) => r.correct).length };
}
