import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorizeCourse } from '$lib/server/courses/access';
import { bankCourse } from '$lib/server/quiz/bank';
import type { RowError } from '$lib/server/quiz/import';
import { importQuestionsOnce } from '$lib/server/quiz/import-form';

export const load: PageServerLoad = async ({ locals, params }) => {
	await authorizeCourse(locals.db, Number(params.courseId), 'bank.manage');
	return { course: await bankCourse(locals.db, params.courseId) };
};

export const actions = {
	default: async ({ locals, params, request }) => {
		const { user } = await authorizeCourse(locals.db, Number(params.courseId), 'bank.manage');
		const course = await bankCourse(locals.db, params.courseId);
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { message: '请选择要导入的文件', errors: [] as RowError[] });
		return importQuestionsOnce(locals.db, user.id, course.id, form, file);
	}
} satisfies Actions;
