import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import type { RowError } from '$lib/server/development/import/validate';
import { importDevelopmentOnce } from '$lib/server/development/import/form';
import { z } from 'zod';
import { chosenFile, parseForm } from '$lib/validation/form';

export const load: PageServerLoad = () => {
	requireScope('roster.import');
	return {};
};

export const actions = {
	default: async ({ locals, request }) => {
		const { user, paths } = requireScope('roster.import');
		const parsed = await parseForm(request, z.object({ file: chosenFile('请选择要导入的 Excel 文件') }));
		if (!parsed.ok) return fail(400, { message: parsed.message, errors: [] as RowError[], more: 0 });
		return importDevelopmentOnce(locals.db, { id: user.id, paths }, parsed.form, parsed.data.file);
	}
} satisfies Actions;
