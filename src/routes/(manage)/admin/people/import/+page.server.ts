import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { listOrgUnits } from '$lib/server/org/units';
import type { RowError } from '$lib/server/people/import/validate';
import { importRosterOnce } from '$lib/server/people/import/form';
import { z } from 'zod';
import { chosenFile, parseForm } from '$lib/validation/form';

export const load: PageServerLoad = async ({ locals }) => {
	const { paths } = requireScope('roster.import');
	const units = await listOrgUnits(locals.db, paths);
	return { units: units.filter((u) => u.kind === 'branch' || u.kind === 'unit').map((u) => ({ code: u.code, name: u.name })) };
};

export const actions = {
	default: async ({ request, locals }) => {
		const { user, paths } = requireScope('roster.import');
		const parsed = await parseForm(request, z.object({ file: chosenFile('请选择要导入的名册文件') }));
		if (!parsed.ok) return fail(400, { message: parsed.message, errors: [] as RowError[], more: 0 });
		return importRosterOnce(locals.db, { ...user, paths }, parsed.form, parsed.data.file);
	}
} satisfies Actions;
