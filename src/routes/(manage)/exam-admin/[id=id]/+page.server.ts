import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { bankBreakdown } from '$lib/server/quiz/bank';
import { examAdmin, ruleProblems, updateExam } from '$lib/server/quiz/exams';
import { examFormOf, examFormValues, examInput, fieldErrors } from '$lib/server/quiz/exam-schema';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser();
	const { exam, cohort, manage } = await examAdmin(locals.db, Number(params.id), user);
	const counts = await locals.db
		.selectFrom('examAttempt')
		.select((eb) => [
			eb.fn.count<number>('id').filterWhere('status', '=', 'submitted').as('submitted'),
			eb.fn.count<number>('id').filterWhere('status', '=', 'in_progress').as('running')
		])
		.where('examId', '=', exam.id)
		.executeTakeFirstOrThrow();
	return {
		exam,
		cohort: { id: cohort.id, name: cohort.name, courseTitle: cohort.courseTitle },
		manage,
		counts: { submitted: Number(counts.submitted), running: Number(counts.running) },
		values: examFormOf(exam),
		bank: manage ? await bankBreakdown(locals.db, cohort.courseId) : [],
		created: url.searchParams.has('created')
	};
};

export const actions = {
	save: async ({ locals, params, request }) => {
		const user = requireUser();
		const { exam, cohort } = await examAdmin(locals.db, Number(params.id), user, true);
		const values = examFormValues(await request.formData());
		const parsed = examInput.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error.issues), problems: [] as string[] });
		const problems = await ruleProblems(locals.db, cohort.courseId, parsed.data.rules);
		if (problems.length) return fail(400, { values, errors: {} as Record<string, string>, problems });
		await updateExam(locals.db, user.id, exam.id, parsed.data);
		return { saved: true };
	}
} satisfies Actions;
