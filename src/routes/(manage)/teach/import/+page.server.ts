import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { newCourseOwner } from '$lib/server/courses/access';
import { importCourseOnce, importForm } from '$lib/server/courses/create-forms';
import { optionalFile, parseForm } from '$lib/validation/form';
import { field } from '$lib/validation/fields';
import { maxUploadBytes } from '$lib/server/files/limits';

// The request body limit (BODY_SIZE_LIMIT) is sized for the largest upload; a ZIP gets the same.
const MAX_ZIP = maxUploadBytes;

export const load: PageServerLoad = () => {
	requireScope('course.author');
	return {};
};

export const actions = {
	default: async ({ locals, request }) => {
		const { user } = requireScope('course.author');
		const form = await request.formData();
		const parsed = await parseForm(form, importForm.extend({ zip: optionalFile() }));
		if (!parsed.ok) return fail(400, { values: { code: field(form, 'code'), publish: form.has('publish') }, errors: [parsed.message] });
		const { zip: file, ...values } = parsed.data;
		if (!file) return fail(400, { values, errors: ['请选择要导入的 ZIP 文件'] });
		if (file.size > MAX_ZIP) return fail(400, { values, errors: [`ZIP 文件不能超过 ${MAX_ZIP / 1024 / 1024} MB`] });
		return importCourseOnce(locals.db, user.id, newCourseOwner(user, 'course.author'), form, new Uint8Array(await file.arrayBuffer()));
	}
} satisfies Actions;
