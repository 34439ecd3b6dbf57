import { sql } from 'kysely';
import type { AnswerKey, QuestionType, Response } from './tables';
import { inScope } from '../auth/scope';
import type { Db } from '$lib/server/db';

function scopeSql(learnerPaths: string[] | null) {
	if (learnerPaths === null) return sql`true`;
	return inScope('po.path', learnerPaths);
}

export interface ItemStats {
	questionId: number;
	code: string | null;
	type: QuestionType;
	chapter: number | null;
	stem: string;
	options: string[];
	answer: AnswerKey;
	drawn: number;
	answered: number;
	correct: number;
	/** share of the question's points earned, 0–1 */
	facility: number;
	/** how often each option was chosen (choice questions), by the author's order */
	optionCounts: number[];
	/** true/false: [正确, 错误]; fill-in: the most common texts given */
	otherCounts: { text: string; count: number }[];
}

/**
 * Item analysis over submitted attempts: how often each question was drawn, answered and
 * answered right, and which options learners chose. Two grouped queries in all.
 */
export async function itemAnalysis(db: Db, examId: number, learnerPaths: string[] | null): Promise<ItemStats[]> {
	const scope = scopeSql(learnerPaths);
	const [items, choices] = await Promise.all([
		sql<{ questionId: number; drawn: number; answered: number; correct: number; earned: number; possible: number }>`
			select (i.item ->> 'q')::integer as question_id, count(*) as drawn, count(an.attempt_id) as answered,
				count(*) filter (where an.correct) as correct, coalesce(sum(an.points), 0) as earned, sum((i.item ->> 'p')::numeric) as possible
			from exam_attempt a
			join person p on p.id = a.person_id
			join org_unit po on po.id = p.org_unit_id
			cross join lateral jsonb_array_elements(a.paper) as i(item)
			left join exam_answer an on an.attempt_id = a.id and an.question_id = (i.item ->> 'q')::integer
			where a.exam_id = ${examId} and a.status = 'submitted' and ${scope}
			group by 1`.execute(db),
		sql<{ questionId: number; response: Response; n: number }>`
			select an.question_id, an.response, count(*) as n
			from exam_answer an
			join exam_attempt a on a.id = an.attempt_id
			join person p on p.id = a.person_id
			join org_unit po on po.id = p.org_unit_id
			where a.exam_id = ${examId} and a.status = 'submitted' and ${scope}
			group by 1, 2`.execute(db)
	]);
	if (items.rows.length === 0) return [];
	const questions = await db
		.selectFrom('question')
		.select(['id', 'code', 'type', 'chapter', 'stem', 'options', 'answer'])
		.where('id', 'in', items.rows.map((r) => Number(r.questionId)))
		.execute();
	const byId = new Map(questions.map((q) => [q.id, q]));
	const given = new Map<number, { response: Response; n: number }[]>();
	for (const c of choices.rows) given.set(Number(c.questionId), [...(given.get(Number(c.questionId)) ?? []), { response: c.response, n: Number(c.n) }]);
	return items.rows
		.map((r) => {
			const q = byId.get(Number(r.questionId))!;
			const optionCounts = q.options.map(() => 0);
			const other = new Map<string, number>();
			for (const { response, n } of given.get(q.id) ?? []) {
				if (typeof response === 'number') {
					if (response < optionCounts.length) optionCounts[response] += n;
				} else if (Array.isArray(response)) {
					for (const i of response) if (i < optionCounts.length) optionCounts[i] += n;
				} else {
					const text = typeof response === 'boolean' ? (response ? '正确' : '错误') : response.trim();
					other.set(text, (other.get(text) ?? 0) + n);
				}
			}
			const possible = Number(r.possible);
			return {
				questionId: q.id,
				code: q.code,
				type: q.type,
				chapter: q.chapter,
				stem: q.stem,
				options: q.options,
				answer: q.answer,
				drawn: Number(r.drawn),
				answered: Number(r.answered),
				correct: Number(r.correct),
				facility: possible > 0 ? Number(r.earned) / possible : 0,
				optionCounts,
				otherCounts: [...other].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count).slice(0, 8)
			};
		})
		.sort((a, b) => a.facility - b.facility || a.questionId - b.questionId);
}
