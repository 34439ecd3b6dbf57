import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { rulesInEffect } from '$lib/server/development/settings/rules-in-effect';
import { todayInShanghai } from '$lib/server/development/engine/dates';
import { recordView } from '$lib/server/development/records/view';
import { dueFor, submissionsBy } from '$lib/server/development/submissions/lists';
import { once } from '$lib/server/http/idempotency';
import { uploadScan } from '$lib/server/development/forms';
import { mentorsOn, submit } from '$lib/server/development/submissions/actions';
import { submissionAnswer, submissionInput } from '$lib/server/development/submissions/forms';

// A mentor (培养联系人) or sponsor reads the record of the person they stand for, while they do;
// a mentor whose assignment covers today also writes the 考察意见 and half-yearly evaluation.
export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requireUser();
	const id = Number(params.id);
	const link = await locals.db
		.selectFrom('developmentSupporter')
		.select('id')
		.where('personId', '=', id)
		.where('supporterId', '=', user.id)
		.where('endedOn', 'is', null)
		.executeTakeFirst();
	if (!link) error(403, '只有现任培养联系人或入党介绍人可以查看');
	const [view, mentor, submissions, due] = await Promise.all([
		recordView(locals.db, id, await rulesInEffect(locals.db)),
		mentorsOn(locals.db, user.id, id, todayInShanghai()),
		submissionsBy(locals.db, user.id, id),
		dueFor(locals.db, user)
	]);
	if (!view) error(404, '未找到该人员');
	const open = !!view.record && !view.record.closedOn;
	const kinds = !mentor || !open ? [] : view.record!.stage === 'probationary' ? (['evaluation'] as const) : view.record!.stage === 'activist' || view.record!.stage === 'candidate' ? (['mentor_opinion', 'evaluation'] as const) : [];
	return {
		view: { ...view, entries: view.entries.filter((e) => !e.voidedAt) },
		kinds: [...kinds],
		submissions,
		due: due.filter((d) => d.href.startsWith(`/my/development/mentees/${id}#`))
	};
};

export const actions: Actions = {
	// The service decides: a mentor whose assignment covers today, on an open record.
	submit: async ({ locals, params, request }) => {
		const user = requireUser();
		const id = Number(params.id);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'development.submission' }, async (trx) => {
			const upload = await uploadScan(trx, form, 'attachment', user.id);
			if (!upload.ok) return submissionAnswer(form, { ok: false, status: 400, errors: [upload.message] });
			return submissionAnswer(form, await submit(trx, user, id, submissionInput(form, upload)));
		});
	}
};
