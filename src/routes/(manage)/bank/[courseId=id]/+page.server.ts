import type { PageServerLoad } from './$types';
import { authorizeCourse } from '$lib/server/courses/access';
import { intParam, parsePaging } from '$lib/server/http/paging';
import { bankCourse, listQuestions } from '$lib/server/quiz/bank';
import { questionTypes } from '$lib/server/quiz/tables';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await authorizeCourse(locals.db, Number(params.courseId), 'bank.manage');
	const course = await bankCourse(locals.db, params.courseId);
	const { page, pageSize } = parsePaging(url);
	const filters = {
		q: url.searchParams.get('q')?.trim() || undefined,
		type: questionTypes.find((t) => t === url.searchParams.get('type')),
		chapter: intParam(url, 'chapter'),
		archived: url.searchParams.get('archived') === '1'
	};
	const result = await listQuestions(locals.db, { courseId: course.id, ...filters, page, pageSize });
	return { course, ...result, page, pageSize, filters: { q: filters.q ?? '', type: filters.type ?? '', chapter: filters.chapter ?? '', archived: filters.archived }, imported: url.searchParams.get('imported') };
};
