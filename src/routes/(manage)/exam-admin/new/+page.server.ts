import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { intParam } from '$lib/server/http/paging';
import { bankBreakdown } from '$lib/server/quiz/bank';
import { cohortExamAccess, createExam, managedCohorts, ruleProblems } from '$lib/server/quiz/exams';
import { examFormOf, examFormValues, examInput, fieldErrors } from '$lib/server/quiz/exam-schema';
import { once } from '$lib/server/http/idempotency';
import { parseForm } from '$lib/validation/form';
import { id as rowId } from '$lib/validation/fields';
import { z } from 'zod';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser();
	const cohorts = await managedCohorts(locals.db, user);
	if (cohorts.length === 0) error(403, '只有培训班的组织者和授课教师可以新建考试');
	const chosen = cohorts.find((c) => c.id === intParam(url, 'cohort')) ?? null;
	return {
		cohorts: cohorts.map((c) => ({ id: c.id, name: c.name, courseTitle: c.courseTitle })),
		cohortId: chosen?.id ?? null,
		bank: chosen ? await bankBreakdown(locals.db, chosen.courseId) : [],
		values: examFormOf()
	};
};

export const actions = {
	default: async ({ locals, request }) => {
		const user = requireUser();
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'exam.create' }, async (trx) => {
			// A cohort id PostgreSQL's integer cannot hold is refused here, not by the database.
			const target = await parseForm(form, z.object({ cohortId: rowId('培训班') }));
			if (!target.ok) return fail(400, { values: examFormValues(form), errors: {} as Record<string, string>, problems: ['请选择培训班'] });
			const { cohort, manage } = await cohortExamAccess(trx, target.data.cohortId, user);
			if (!manage) error(403, '只有培训班的组织者和授课教师可以新建考试');
			const values = examFormValues(form);
			const parsed = examInput.safeParse(values);
			if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error.issues), problems: [] as string[] });
			const problems = await ruleProblems(trx, cohort.courseId, parsed.data.rules);
			if (problems.length) return fail(400, { values, errors: {} as Record<string, string>, problems });
			const id = await createExam(trx, user.id, cohort.id, parsed.data);
			redirect(303, `/exam-admin/${id}?created=1`);
		});
	}
} satisfies Actions;
