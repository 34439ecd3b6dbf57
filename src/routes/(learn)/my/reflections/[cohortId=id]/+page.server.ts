import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { Db } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { cohortFacts } from '$lib/server/completion/cohort-facts';
import { countChars, myReflection, reflectionInput, submitReflection } from '$lib/server/completion/reflections';
import { once } from '$lib/server/http/idempotency';
import { parseForm } from '$lib/validation/form';
import { field } from '$lib/validation/fields';

/** The learner's own cohort (enrolled), with its rule: 404 for anyone else. */
async function myCohort(db: Db, id: number, personId: number) {
	const enrolled = await db.selectFrom('enrollment').select('cohortId').where('cohortId', '=', id).where('personId', '=', personId).executeTakeFirst();
	const cohort = enrolled && (await cohortFacts(db, [id])).get(id);
	if (!cohort) error(404, '您没有参加该培训班');
	return cohort;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requireUser();
	const cohort = await myCohort(locals.db, Number(params.cohortId), user.id);
	return {
		cohort: { id: cohort.id, name: cohort.name, courseTitle: cohort.courseTitle, status: cohort.status },
		minChars: cohort.rule.reflectionMinChars,
		reflection: (await myReflection(locals.db, cohort.id, user.id)) ?? null
	};
};

export const actions = {
	default: async ({ locals, params, request }) => {
		const user = requireUser();
		const cohort = await myCohort(locals.db, Number(params.cohortId), user.id);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'reflection.submit' }, async (trx) => {
			const parsed = await parseForm(form, reflectionInput);
			const body = field(form, 'body');
			if (cohort.status === 'closed') return fail(400, { body, message: '培训班已结业，不能再提交心得体会' });
			if (!parsed.ok) return fail(400, { body, message: parsed.message });
			const r = await submitReflection(trx, { cohortId: cohort.id, personId: user.id, body: parsed.data.body, minChars: cohort.rule.reflectionMinChars ?? 1 });
			if (!r.ok) return fail(400, { body: parsed.data.body, message: r.message });
			return { ok: `已提交（${countChars(parsed.data.body)} 字），请等待教师审核` };
		});
	}
} satisfies Actions;
