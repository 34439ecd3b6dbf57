import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorizeCourse } from '$lib/server/courses/access';
import { bankCourse } from '$lib/server/quiz/bank';
import { applyImport, checkImport, type RowError } from '$lib/server/quiz/import';

export const load: PageServerLoad = async ({ locals, params }) => {
	await authorizeCourse(locals.db, params.courseId, 'bank.manage');
	return { course: await bankCourse(locals.db, params.courseId) };
};

export const actions = {
	default: async ({ locals, params, request }) => {
		const { user } = await authorizeCourse(locals.db, params.courseId, 'bank.manage');
		const course = await bankCourse(locals.db, params.courseId);
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { message: '请选择要导入的文件', errors: [] as RowError[] });
		const checked = await checkImport(locals.db, course.id, file.name, new Uint8Array(await file.arrayBuffer()));
		if (!checked.ok) return fail(400, { message: checked.message, errors: checked.errors.slice(0, 500) });
		const n = await applyImport(locals.db, user.id, course.id, file.name, checked.questions);
		redirect(303, `/bank/${course.id}?imported=${n}`);
	}
} satisfies Actions;
