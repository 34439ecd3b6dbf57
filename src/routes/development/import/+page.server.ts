import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { todayInShanghai } from '$lib/server/development/dates';
import { parseImport } from '$lib/server/development/import/parse';
import { validateImport, type RowError } from '$lib/server/development/import/validate';
import { applyImport, ImportConflict, importTargets } from '$lib/server/development/import/apply';

export const load: PageServerLoad = () => {
	requireScope('roster.import');
	return {};
};

export const actions = {
	default: async ({ locals, request }) => {
		const { user, paths } = requireScope('roster.import');
		const file = (await request.formData()).get('file');
		const none = { errors: [] as RowError[], more: 0 };
		if (!(file instanceof File) || file.size === 0) return fail(400, { message: '请选择要导入的 Excel 文件', ...none });
		const parsed = await parseImport(file.name, new Uint8Array(await file.arrayBuffer()));
		if (!parsed.ok) return fail(400, { message: parsed.message, ...none });
		const targets = await importTargets(locals.db, parsed.rows.map((r) => r.username.trim()).filter(Boolean));
		const { valid, errors } = validateImport(parsed.rows, targets, paths, todayInShanghai());
		if (errors.length) {
			return fail(400, {
				message: `共 ${parsed.rows.length} 行，其中 ${errors.length} 行有误，未导入任何数据。请修改后重新上传。`,
				errors: errors.slice(0, 500),
				more: Math.max(0, errors.length - 500)
			});
		}
		try {
			const summary = await applyImport(locals.db, user.id, valid, file.name);
			return { summary, fileName: file.name };
		} catch (e) {
			if (e instanceof ImportConflict) return fail(409, { message: `${e.message}，未导入任何数据。请重新上传。`, ...none });
			throw e;
		}
	}
} satisfies Actions;
