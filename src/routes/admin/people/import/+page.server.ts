import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { listOrgUnits } from '$lib/server/org/units';
import { parseRoster } from '$lib/server/people/import/parse';
import { validateRoster, type RowError } from '$lib/server/people/import/validate';
import { applyRoster, existingByUsername } from '$lib/server/people/import/apply';

export const load: PageServerLoad = async ({ locals }) => {
	const { paths } = requireScope('roster.import');
	const units = await listOrgUnits(locals.db, paths);
	return { units: units.filter((u) => u.kind === 'branch' || u.kind === 'unit').map((u) => ({ code: u.code, name: u.name })) };
};

export const actions = {
	default: async ({ request, locals }) => {
		const { user, paths } = requireScope('roster.import');
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { message: '请选择要导入的名册文件', errors: [] as RowError[], more: 0 });
		const parsed = await parseRoster(file.name, new Uint8Array(await file.arrayBuffer()));
		if (!parsed.ok) return fail(400, { message: parsed.message, errors: [] as RowError[], more: 0 });
		const units = await listOrgUnits(locals.db, paths);
		const existing = await existingByUsername(locals.db, parsed.rows.map((r) => r.username).filter(Boolean));
		const { valid, errors } = validateRoster(
			parsed.rows,
			units,
			new Map(existing.map((p) => [p.username, p.path])),
			paths
		);
		if (errors.length) {
			return fail(400, {
				message: `共 ${parsed.rows.length} 行，其中 ${errors.length} 行有误，未导入任何数据。请修改后重新上传。`,
				errors: errors.slice(0, 500),
				more: Math.max(0, errors.length - 500)
			});
		}
		const summary = await applyRoster(locals.db, user, valid, file.name, new Map(units.map((u) => [u.id, u.path])));
		return { summary, fileName: file.name };
	}
} satisfies Actions;
