import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { examAdmin, deleteOverride, listOverrides, setOverride } from '$lib/server/quiz/exams';
import { fieldErrors, overrideInput } from '$lib/server/quiz/exam-schema';
import { parseForm } from '$lib/validation/form';
import { id } from '$lib/validation/fields';
import { z } from 'zod';

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requireUser();
	const { exam, cohort } = await examAdmin(locals.db, Number(params.id), user, true);
	const [overrides, learners] = await Promise.all([
		listOverrides(locals.db, exam.id),
		locals.db
			.selectFrom('enrollment as e')
			.innerJoin('person as p', 'p.id', 'e.personId')
			.select(['p.id', 'p.name', 'p.username'])
			.where('e.cohortId', '=', exam.cohortId)
			.orderBy('p.username')
			.execute()
	]);
	return {
		exam: { id: exam.id, title: exam.title, opensAt: exam.opensAt, closesAt: exam.closesAt, timeLimitMinutes: exam.timeLimitMinutes, attemptsAllowed: exam.attemptsAllowed },
		cohort: { name: cohort.name },
		overrides,
		learners
	};
};

export const actions = {
	save: async ({ locals, params, request }) => {
		const user = requireUser();
		const { exam } = await examAdmin(locals.db, Number(params.id), user, true);
		const form = await request.formData();
		const values = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
		const parsed = overrideInput.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error.issues) });
		const enrolled = await locals.db.selectFrom('enrollment').select('id').where('cohortId', '=', exam.cohortId).where('personId', '=', parsed.data.personId).executeTakeFirst();
		if (!enrolled) return fail(400, { values, errors: { personId: '该学员不在本培训班' } as Record<string, string> });
		await setOverride(locals.db, user.id, exam.id, parsed.data);
		return { saved: true };
	},
	delete: async ({ locals, params, request }) => {
		const user = requireUser();
		const { exam } = await examAdmin(locals.db, Number(params.id), user, true);
		// A person id PostgreSQL's integer cannot hold is no one's arrangement, not a database error.
		const parsed = await parseForm(request, z.object({ personId: id('学员') }));
		if (!parsed.ok || !(await deleteOverride(locals.db, user.id, exam.id, parsed.data.personId))) return fail(400, { message: '未找到该补考安排' });
		return { deleted: true };
	}
} satisfies Actions;
