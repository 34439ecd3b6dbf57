import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { courseOptions, instructorOptions, scopeUnitOptions } from '$lib/server/cohorts/repository';
import { cohortCreateInput, cohortFormValues } from '$lib/server/cohorts/schema';
import { createCohort } from '$lib/server/cohorts/service';
import { fieldErrors } from '$lib/people/schema';
import { once } from '$lib/server/http/idempotency';

export const load: PageServerLoad = async ({ locals }) => {
	const { paths } = requireScope('cohort.manage');
	const [courses, units, instructors] = await Promise.all([courseOptions(locals.db), scopeUnitOptions(locals.db, paths), instructorOptions(locals.db)]);
	return { courses, units: units.map((u) => ({ id: u.id, name: u.name })), instructors };
};

export const actions = {
	default: async ({ locals, request }) => {
		const { user } = requireScope('cohort.manage');
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'cohort.create' }, async (trx) => {
			const values = cohortFormValues(form);
			const parsed = cohortCreateInput.safeParse(values);
			if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error), message: '请修正标出的字段' });
			const result = await createCohort(trx, user, parsed.data);
			if (!result.ok) return fail(400, { values, errors: result.errors, message: '请修正标出的字段' });
			redirect(303, `/cohorts/${result.id}?created=1`);
		});
	}
} satisfies Actions;
