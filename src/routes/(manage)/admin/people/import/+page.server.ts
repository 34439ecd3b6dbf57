import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { listOrgUnits } from '$lib/server/org/units';
import type { RowError } from '$lib/server/people/import/validate';
import { importRosterOnce } from '$lib/server/people/import/form';

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
		return importRosterOnce(locals.db, { ...user, paths }, form, file);
	}
} satisfies Actions;
