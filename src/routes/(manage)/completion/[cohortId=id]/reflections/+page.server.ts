import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { can } from '$lib/server/auth/authz';
import { cohortFor } from '$lib/server/cohorts/context';
import { cohortReflections, reviewInput, reviewReflection } from '$lib/server/completion/reflections';

const statuses = ['submitted', 'approved', 'returned'] as const;

/** Reviewers: the cohort's instructors (every learner) and its managers (the learners they see). */
async function reviewer(locals: App.Locals, cohortId: number) {
	const user = requireUser();
	const { cohort, access } = await cohortFor(locals.db, cohortId, user);
	if (!can(user, 'reflection.review', cohort)) error(403, '只有本培训班的授课教师或管理者可以审核心得体会');
	return { user, cohort, paths: cohort.teaches ? null : access.learnerPaths };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { cohort, paths } = await reviewer(locals, Number(params.cohortId));
	const s = url.searchParams.get('status');
	const status = (statuses as readonly string[]).includes(s ?? '') ? (s as (typeof statuses)[number]) : undefined;
	return {
		cohort: { id: cohort.id, name: cohort.name },
		status: status ?? '',
		reflections: await cohortReflections(locals.db, cohort.id, { paths, status })
	};
};

export const actions = {
	default: async ({ locals, params, request }) => {
		const { user, cohort, paths } = await reviewer(locals, Number(params.cohortId));
		const form = Object.fromEntries(await request.formData());
		const id = Number(form.id);
		const parsed = reviewInput.safeParse(form);
		if (!parsed.success) return fail(400, { id, message: parsed.error.issues[0].message });
		// Only essays the reviewer can see.
		const visible = await cohortReflections(locals.db, cohort.id, { paths });
		if (!visible.some((r) => r.id === id)) error(403, '您不能审核该学员的心得体会');
		const done = await reviewReflection(locals.db, { id, cohortId: cohort.id, actorId: user.id, decision: parsed.data.decision, comment: parsed.data.comment });
		if (!done) return fail(400, { id, message: '该心得体会已被审核过或已被学员修改，请刷新后再试' });
		return { id, ok: parsed.data.decision === 'approved' ? '已通过' : '已退回' };
	}
} satisfies Actions;
