import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorizeCourse } from '$lib/server/courses/access';
import { bankCourse } from '$lib/server/quiz/bank';
import type { RowError } from '$lib/server/quiz/import';
import { importQuestionsOnce } from '$lib/server/quiz/import-form';
import { z } from 'zod';
import { chosenFile, parseForm } from '$lib/validation/form';

export const load: PageServerLoad = async ({ locals, params }) => {
	await authorizeCourse(locals.db, Number(params.courseId), 'bank.manage');
	return { course: await bankCourse(locals.db, params.courseId) };
};

export const actions = {
	default: async ({ locals, params, request }) => {
		const { user } = await authorizeCourse(locals.db, Number(params.courseId), 'bank.manage');
		const course = await bankCourse(locals.db, params.courseId);
		const parsed = await parseForm(request, z.object({ file: chosenFile('请选择要导入的文件') }));
		if (!parsed.ok) return fail(400, { message: parsed.message, errors: [] as RowError[] });
		return importQuestionsOnce(locals.db, user.id, course.id, parsed.form, parsed.data.file);
	}
} satisfies Actions;
