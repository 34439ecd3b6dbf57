import { sql } from 'kysely';
import type { Db } from '$lib/server/db';
import { attachment } from '../../http/download';
import type { QuestionInput } from '../question-schema';
import { questionsDocument } from './write';

/** The bank's questions in use, in the bank page's order, as the import takes them. */
export async function bankQuestions(db: Db, courseId: number): Promise<QuestionInput[]> {
	return db
		.selectFrom('question')
		.select(['type', 'chapter', 'tag', 'difficulty', 'stem', 'options', 'answer', 'explanation'])
		.where('courseId', '=', courseId)
		.where('archivedAt', 'is', null)
		.orderBy(sql`chapter nulls last`)
		.orderBy('code')
		.orderBy('id')
		.execute();
}

/** A course's bank as a Word file in the import's layout. */
export async function bankDocument(db: Db, course: { id: number; title: string }) {
	return questionsDocument(`《${course.title}》题库`, [], await bankQuestions(db, course.id));
}

export function docxResponse(bytes: Uint8Array, fileName: string) {
	return new Response(bytes as BodyInit, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'content-disposition': attachment(fileName, 'questions.docx'),
			'cache-control': 'private, no-store'
		}
	});
}
