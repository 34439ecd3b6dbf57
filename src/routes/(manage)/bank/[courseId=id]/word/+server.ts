import type { RequestHandler } from './$types';
import { authorizeCourse } from '$lib/server/courses/access';
import { bankCourse } from '$lib/server/quiz/bank';
import { bankDocument, docxResponse } from '$lib/server/quiz/word/export';

// The bank holds every key: only those who may manage it (the import's own check) download it.
export const GET: RequestHandler = async ({ locals, params }) => {
	await authorizeCourse(locals.db, Number(params.courseId), 'bank.manage');
	const course = await bankCourse(locals.db, params.courseId);
	return docxResponse(await bankDocument(locals.db, course), `${course.title}题库.docx`);
};
