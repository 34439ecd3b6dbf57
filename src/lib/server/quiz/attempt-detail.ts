import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { seesLearner, type CohortAccess } from '../cohorts/access';
import type { PaperItem } from './tables';
import { learnerAttempts } from './results';
import { responseText } from './paper-view';
import { keyText } from './question-schema';
import { questionCode } from '$lib/quiz/labels';

/**
 * One learner's attempts for the instructor: timestamps, integrity events and every answer
 * next to the key, with letters as that learner saw them. 404 when not enrolled, 403 when
 * outside the viewer's learners (a secretary of another branch).
 */
export async function learnerDetail(db: Kysely<Database>, exam: { id: number; cohortId: number }, personIdParam: string, access: CohortAccess) {
	const personId = Number(personIdParam);
	const person = Number.isInteger(personId) && personId > 0
		? await db
				.selectFrom('enrollment as e')
				.innerJoin('person as p', 'p.id', 'e.personId')
				.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
				.select(['p.id', 'p.name', 'p.username', 'o.name as orgName', 'o.path as orgPath'])
				.where('e.cohortId', '=', exam.cohortId)
				.where('e.personId', '=', personId)
				.executeTakeFirst()
		: undefined;
	if (!person) error(404, '该学员不在本培训班');
	if (!seesLearner(access, person.orgPath)) error(403, '您没有权限查看该学员的成绩');
	const attempts = await learnerAttempts(db, exam.id, person.id);
	const rows = await db
		.selectFrom('examAttempt as a')
		.select(['a.id', 'a.paper'])
		.where('a.examId', '=', exam.id)
		.where('a.personId', '=', person.id)
		.execute();
	const ids = [...new Set(rows.flatMap((r) => (r.paper as PaperItem[]).map((i) => i.q)))];
	const [questions, answers] = await Promise.all([
		ids.length ? db.selectFrom('question').select(['id', 'code', 'type', 'stem', 'answer']).where('id', 'in', ids).execute() : Promise.resolve([]),
		rows.length
			? db.selectFrom('examAnswer').select(['attemptId', 'questionId', 'response', 'savedAt', 'correct', 'points']).where('attemptId', 'in', rows.map((r) => r.id)).execute()
			: Promise.resolve([])
	]);
	const q = new Map(questions.map((x) => [x.id, x]));
	const given = new Map(answers.map((a) => [`${a.attemptId}:${a.questionId}`, a]));
	const papers = new Map(
		rows.map((r) => [
			r.id,
			(r.paper as PaperItem[]).map((item, k) => {
				const question = q.get(item.q)!;
				const a = given.get(`${r.id}:${item.q}`);
				const key = question.type === 'single' ? [question.answer as number] : (question.answer as number[]);
				return {
					n: k + 1,
					code: questionCode(question.code),
					stem: question.stem,
					points: item.p,
					response: a ? responseText(question.type, a.response, item) : '',
					savedAt: a?.savedAt ?? null,
					correct: a?.correct ?? null,
					earned: a?.points ?? 0,
					key: question.type === 'single' || question.type === 'multiple' ? responseText('multiple', key, item) : keyText(question.type, question.answer)
				};
			})
		])
	);
	return {
		person: { id: person.id, name: person.name, username: person.username, orgName: person.orgName },
		attempts: attempts.map((a) => ({ ...a, answered: Number(a.answered), events: a.events.map((e) => ({ kind: e.kind, at: new Date(e.at) })), items: papers.get(a.id) ?? [] }))
	};
}
