import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { scopePaths } from '$lib/server/auth/authz';
import { intParam } from '$lib/server/http/paging';
import { instructorOptions } from '$lib/server/cohorts/repository';
import { createClassSessions } from '$lib/server/attendance/class-sessions';
import { editableCohorts } from '$lib/server/attendance/lists';
import { newSessionValues, seriesInput, classSessionInput } from '$lib/server/attendance/schema';
import { fieldErrors, formTexts } from '$lib/validation/form';
import { options, sessionKindLabels } from '$lib/server/attendance/labels';
import { campusNetworks } from '$lib/server/attendance/campus';
import { valuesFromForm } from '../form-values';
import { once } from '$lib/server/http/idempotency';

async function cohortsFor(locals: App.Locals) {
	const user = requireUser();
	const cohorts = await editableCohorts(locals.db, user.id, scopePaths(user, 'session.manage'));
	if (cohorts.length === 0) error(403, '只有培训班的授课教师或管理人员可以安排集中授课');
	return { user, cohorts };
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const { cohorts } = await cohortsFor(locals);
	const wanted = intParam(url, 'cohort');
	return {
		cohorts,
		cohortId: cohorts.some((c) => c.id === wanted) ? wanted : cohorts[0].id,
		values: newSessionValues(),
		kinds: options(sessionKindLabels),
		instructors: await instructorOptions(locals.db),
		campusNetworks: await campusNetworks(locals.db)
	};
};

export const actions = {
	default: async ({ locals, request }) => {
		const { user, cohorts } = await cohortsFor(locals);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'session.create' }, async (trx) => {
			const values = formTexts(form);
			const series = seriesInput.safeParse(values);
			const parsed = classSessionInput.safeParse(values);
			const errors = { ...(series.success ? {} : fieldErrors(series.error)), ...(parsed.success ? {} : fieldErrors(parsed.error)) };
			if (series.success && !cohorts.some((c) => c.id === series.data.cohortId)) errors.cohortId = '您不能为所选培训班安排课程';
			if (parsed.success && parsed.data.instructorId && !(await instructorOptions(trx)).some((p) => p.id === parsed.data.instructorId)) {
				errors.instructorId = '所选人员不是授课教师';
			}
			if (!series.success || !parsed.success || Object.keys(errors).length) {
				return fail(400, { values: valuesFromForm(values), cohortId: Number(values.cohortId), weeks: values.weeks ?? '1', errors, message: '请修正标出的字段' });
			}
			const ids = await createClassSessions(trx, user.id, series.data.cohortId, parsed.data, series.data.weeks);
			redirect(303, ids.length > 1 ? `/sessions?cohort=${series.data.cohortId}&when=upcoming&created=${ids.length}` : `/sessions/${ids[0]}`);
		});
	}
} satisfies Actions;
