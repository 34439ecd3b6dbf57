import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import type { RowError } from '$lib/server/development/import/validate';
import { importDevelopmentOnce } from '$lib/server/development/import/form';

export const load: PageServerLoad = () => {
	requireScope('roster.import');
	return {};
};

export const actions = {
	default: async ({ locals, request }) => {
		const { user, paths } = requireScope('roster.import');
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { message: '请选择要导入的 Excel 文件', errors: [] as RowError[], more: 0 });
		return importDevelopmentOnce(locals.db, { id: user.id, paths }, form, file);
	}
} satisfies Actions;
