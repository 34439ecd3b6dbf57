import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { rulesInEffect } from '$lib/server/development/settings/rules-in-effect';
import { recordView } from '$lib/server/development/records/view';
import { dueFor, submissionsBy } from '$lib/server/development/submissions/lists';
import { once } from '$lib/server/http/idempotency';
import { uploadScan } from '$lib/server/development/forms';
import { submit } from '$lib/server/development/submissions/actions';
import { submissionAnswer, submissionInput } from '$lib/server/development/submissions/forms';

// The person's own record with their next steps and what they hand in online (入党申请书,
// 思想汇报), and the people they mentor.
export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser();
	const rules = await rulesInEffect(locals.db);
	const [view, mentees, due, submissions] = await Promise.all([
		recordView(locals.db, user.id, rules),
		locals.db
			.selectFrom('developmentSupporter as s')
			.innerJoin('person as p', 'p.id', 's.personId')
			.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
			.leftJoin('developmentRecord as r', 'r.personId', 'p.id')
			.select(['p.id', 'p.name', 'p.username', 'o.name as branchName', 'r.stage', 'r.stageSince', 's.role', 's.assignedOn'])
			.where('s.supporterId', '=', user.id)
			.where('s.endedOn', 'is', null)
			.orderBy('s.assignedOn', 'desc')
			.execute(),
		dueFor(locals.db, user),
		submissionsBy(locals.db, user.id, user.id)
	]);
	const record = view?.record ?? null;
	const open = !!record && !record.closedOn;
	// One application waits at a time: the form comes back only if the branch returns it.
	const waiting = submissions.some((x) => x.kind === 'application' && x.status === 'submitted');
	const canApply = !open && !waiting && (user.politicalStatus === 'masses' || user.politicalStatus === 'league_member');
	const canReport = open && record!.stage !== 'member';
	return { view: record ? { ...view!, entries: view!.entries.filter((e) => !e.voidedAt) } : null, mentees, due, submissions, canApply, canReport };
};

export const actions: Actions = {
	submit: async ({ locals, request }) => {
		const user = requireUser();
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'development.submission' }, async (trx) => {
			const upload = await uploadScan(trx, form, 'attachment', user.id);
			if (!upload.ok) return submissionAnswer(form, { ok: false, status: 400, errors: [upload.message] });
			return submissionAnswer(form, await submit(trx, user, user.id, submissionInput(form, upload)));
		});
	}
};
