import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { gradeItem } from '../quiz/grade';
import type { AnswerKey, QuestionType, Response } from '../quiz/tables';

export { normaliseFill } from '../quiz/normalise';

// Practice questions embedded in lessons (<Practice id="act-012" />) come from the question
// bank, where content/ banks are synced on start: a key fixed there is fixed here too.
export interface PracticeQuestion {
	id: string;
	type: QuestionType;
	stem: string;
	options: string[];
	answer: AnswerKey;
	explanation: string;
}

export function practiceQuestion(db: Kysely<Database>, code: string): Promise<PracticeQuestion | undefined> {
	return db
		.selectFrom('question')
		.select(['code as id', 'type', 'stem', 'options', 'answer', 'explanation'])
		.where('code', '=', code)
		.where('archivedAt', 'is', null)
		.orderBy('id')
		.limit(1)
		.executeTakeFirst() as Promise<PracticeQuestion | undefined>;
}

/** Graded the way exams grade (normalised fill-ins, all-or-nothing multiple choice). */
export function checkPractice(q: PracticeQuestion, answer: unknown) {
	return gradeItem(q, answer as Response, 1, 'all_or_nothing').correct;
}
