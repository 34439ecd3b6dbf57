import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { can } from '$lib/server/auth/authz';
import { cohortFor } from '$lib/server/cohorts/context';
import { setCohortStatus } from '$lib/server/cohorts/service';
import { cohortCompletion, cohortFilter } from '$lib/server/completion/cohort-page';
import { cohortFacts } from '$lib/server/completion/cohort-facts';
import { ruleInput, saveRule } from '$lib/server/completion/rule-form';
import { parseForm } from '$lib/validation/form';
import { z } from 'zod';
import { describeRule } from '$lib/server/completion/rule';
import { issueToLearner } from '$lib/server/certificates/issue';
import { once } from '$lib/server/http/idempotency';
import { id } from '$lib/validation/fields';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser();
	const { cohort, access } = await cohortFor(locals.db, Number(params.cohortId), user);
	const filter = cohortFilter(url);
	const page = await cohortCompletion(locals.db, cohort.id, access.learnerPaths, filter);
	return {
		cohort: { id: cohort.id, name: cohort.name, courseTitle: cohort.courseTitle, startsOn: cohort.startsOn, endsOn: cohort.endsOn, status: cohort.status, orgName: cohort.orgName },
		canManage: access.manage,
		canReview: can(user, 'reflection.review', cohort),
		rule: page.facts.rule,
		ruleSaved: page.facts.ruleSaved,
		ruleText: describeRule(page.facts.rule),
		finalExamId: page.facts.finalExamId,
		exams: page.exams,
		rows: page.rows,
		total: page.total,
		counts: page.counts,
		waitingReflections: page.waitingReflections,
		filter
	};
};

async function managed(locals: App.Locals, cohortId: number, action: 'cohort.manage' | 'certificate.issue' = 'cohort.manage') {
	const user = requireUser();
	const { cohort } = await cohortFor(locals.db, cohortId, user);
	if (!can(user, action, { orgPath: cohort.orgPath })) error(403, '只有培训班的管理者可以进行此操作');
	return { user, cohort };
}

export const actions = {
	rule: async ({ locals, params, request }) => {
		const { user, cohort } = await managed(locals, Number(params.cohortId));
		const parsed = await parseForm(request, ruleInput);
		if (!parsed.ok) return fail(400, { action: 'rule', errors: parsed.errors, message: '请修正标出的字段' });
		const next = parsed.data;
		if (next.finalExamId !== null) {
			const exam = await locals.db.selectFrom('exam').select('id').where('id', '=', next.finalExamId).where('cohortId', '=', cohort.id).executeTakeFirst();
			if (!exam) return fail(400, { action: 'rule', errors: { finalExamId: '所选考试不属于本培训班' }, message: '请修正标出的字段' });
		}
		const current = (await cohortFacts(locals.db, [cohort.id])).get(cohort.id)!;
		const changed = await saveRule(locals.db, user.id, cohort.id, current.rule, next);
		return { action: 'rule', ok: changed ? '结业条件已保存' : '没有需要保存的修改' };
	},
	issueOne: async ({ locals, params, request, url }) => {
		const { user, cohort } = await managed(locals, Number(params.cohortId), 'certificate.issue');
		const parsed = await parseForm(request, z.object({ personId: id('学员') }));
		if (!parsed.ok) return fail(400, { action: 'issue', message: '请选择学员' });
		const { form, data: { personId } } = parsed;
		return once(locals.db, form, { personId: user.id, action: 'certificate.issueOne' }, async (trx) => {
			const r = await issueToLearner(trx, { cohortId: cohort.id, personId, actorId: user.id, origin: url.origin });
			return r.ok ? { action: 'issue', ok: r.message } : fail(400, { action: 'issue', message: r.message });
		});
	},
	close: async ({ locals, params }) => {
		const { user, cohort } = await managed(locals, Number(params.cohortId));
		await setCohortStatus(locals.db, user.id, cohort.id, 'closed');
		return { action: 'close', closed: true, ok: '培训班已结业，正在为达到结业条件的学员颁发证书…' };
	}
} satisfies Actions;
