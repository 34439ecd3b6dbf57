import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { once } from '$lib/server/http/idempotency';
import { parsePaging } from '$lib/server/http/paging';
import { decisionForm } from '$lib/server/development/submissions/forms';
import { parseForm } from '$lib/validation/form';
import { acceptSubmission, returnSubmission, type SubmissionResult } from '$lib/server/development/submissions/actions';
import { pendingForBranch, PENDING_PAGE_SIZE } from '$lib/server/development/submissions/lists';
import { staffScope } from '../scope.server';

// 待受理: what applicants, activists and mentors handed in online, oldest first, for the branch to
// accept into the 纪实档案 (dated today) or return with a reason. The service authorises each one.
export const load: PageServerLoad = async ({ locals, url }) => {
	const { user } = await staffScope(locals.db);
	const { page } = parsePaging(url);
	const pending = await pendingForBranch(locals.db, user, page);
	return { page, pageSize: PENDING_PAGE_SIZE, total: pending.total, rows: pending.rows };
};

const answer = (action: string, id: number, r: SubmissionResult) =>
	r.ok ? { action, id, ok: r.message } : fail(r.status, { action, id, message: r.errors.join('；') });


export const actions: Actions = {
	accept: async ({ locals, request }) => {
		const user = requireUser();
		const parsed = await parseForm(request, decisionForm);
		if (!parsed.ok) return fail(400, { action: 'accept', id: 0, message: parsed.message });
		const { form, data: { id } } = parsed;
		return once(locals.db, form, { personId: user.id, action: 'development.submission_accept' }, async (trx) => answer('accept', id, await acceptSubmission(trx, user, id)));
	},
	return: async ({ locals, request }) => {
		const user = requireUser();
		const parsed = await parseForm(request, decisionForm);
		if (!parsed.ok) return fail(400, { action: 'return', id: 0, message: parsed.message });
		const { form, data: { id, reason } } = parsed;
		return once(locals.db, form, { personId: user.id, action: 'development.submission_return' }, async (trx) => answer('return', id, await returnSubmission(trx, user, id, reason)));
	}
};
