import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import type { AuthUser } from '$lib/server/auth/session';
import type { Db } from '$lib/server/db';
import { once } from '$lib/server/http/idempotency';
import { developmentRights } from '$lib/server/development/access';
import { rulesInEffect } from '$lib/server/development/settings/rules-in-effect';
import { lateApproval, levelOf, recordableKinds, type RecordableKind } from '$lib/server/development/records/entry-schema';
import { branchRoll, excusedFromForm, rollView } from '$lib/server/development/records/meeting-roll';
import { recordEntry, voidEntry } from '$lib/server/development/records/entries';
import { confirmExternalTraining } from '$lib/server/development/records/external-training';
import { grantExemption, revokeExemption } from '$lib/server/development/records/exemptions';
import { detailsFromForm, uploadScan } from '$lib/server/development/forms';
import { applyForm, confirmTrainingForm, endSupporterForm, entryForm, exemptForm, factsForm, revokeExemptionForm, supporterForm, transitionForm, voidForm } from '$lib/server/development/person-forms';
import { parseForm } from '$lib/validation/form';
import { personHeader } from '$lib/server/development/records/people';
import { updateRecordFacts } from '$lib/server/development/records/facts';
import { recordView } from '$lib/server/development/records/view';
import { assignSupporter, endSupporter } from '$lib/server/development/records/supporters';
import { performTransition } from '$lib/server/development/transitions/perform';
import { earlyGroundFromForm } from '$lib/server/development/transitions/early-ground';
import { transitionLabels } from '$lib/development/labels';

async function subject(db: Db, id: number) {
	const person = await personHeader(db, id);
	if (!person) error(404, '未找到该人员');
	return person;
}

/** The viewer's powers over this person; 403 for anyone who may not even see the record. */
function powersOver(user: AuthUser, orgPath: string) {
	const rights = developmentRights(user, orgPath);
	if (!rights.view) error(403, '您没有权限查看该人员的发展党员纪实');
	return rights;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requireUser();
	const person = await subject(locals.db, Number(params.id));
	if (person.id === user.id && !developmentRights(user, person.orgPath).view) redirect(303, '/my/development');
	const rights = powersOver(user, person.orgPath);
	const view = await recordView(locals.db, person.id, await rulesInEffect(locals.db));
	if (!view) error(404, '未找到该人员');
	const entries = view.entries.map((e) => ({
		...e,
		canVoid: (recordableKinds as readonly string[]).includes(e.kind) && rights[levelOf(e.kind as RecordableKind, e.details)],
		canConfirm: e.kind === 'external_training' && !e.confirmedAt && !e.voidedAt && rights.approver !== null
	}));
	// The branch roll the meeting form shows: the server derives the same figures when it records.
	const roll = rights.branch ? rollView(await branchRoll(locals.db, person.id, view.today)) : null;
	return {
		view: { ...view, entries },
		roll,
		can: { branch: rights.branch, committee: rights.committee, approver: rights.approver?.orgName ?? null, approverRefusal: rights.approverRefusal ?? null, league: rights.league }
	};
};

type Failure = { status: 400 | 403 | 404; errors: string[] };
const failed = (action: string, r: Failure) => fail(r.status, { action, message: r.errors.length > 1 ? `有 ${r.errors.length} 处问题：` : r.errors[0], errors: r.errors });
const refused = (action: string, message: string) => failed(action, { status: 400, errors: [message] });

export const actions = {
	apply: async ({ locals, params, request }) => {
		const user = requireUser();
		const person = await subject(locals.db, Number(params.id));
		powersOver(user, person.orgPath);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'development.apply' }, async (trx) => {
			const parsed = await parseForm(form, applyForm);
			if (!parsed.ok) return refused('apply', parsed.message);
			const upload = await uploadScan(trx, form, 'attachment', user.id);
			if (!upload.ok) return failed('apply', { status: 400, errors: [upload.message] });
			const r = await performTransition(trx, user, person.id, { transition: 'apply', ...parsed.data, attachmentId: upload.id });
			if (!r.ok) return failed('apply', { status: r.status, errors: r.reasons.length ? r.reasons : [r.message] });
			return { action: 'apply', ok: '已登记入党申请' };
		});
	},
	transition: async ({ locals, params, request }) => {
		const user = requireUser();
		const person = await subject(locals.db, Number(params.id));
		powersOver(user, person.orgPath);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'development.transition' }, async (trx) => {
			const parsed = await parseForm(form, transitionForm);
			if (!parsed.ok) return refused('transition', parsed.message);
			const { transition, on, months, lateReason, lateDecidedOn, lateDecision, note } = parsed.data;
			const late = lateApproval.safeParse({ reason: lateReason, decidedOn: lateDecidedOn, decision: lateDecision });
			if (!late.success) return failed('transition', { status: 400, errors: [...new Set(late.error.issues.map((i) => i.message))] });
			const earlyGround = earlyGroundFromForm(form);
			if (!earlyGround.ok) return failed('transition', { status: 400, errors: earlyGround.errors });
			const upload = await uploadScan(trx, form, 'attachment', user.id);
			if (!upload.ok) return failed('transition', { status: 400, errors: [upload.message] });
			const r = await performTransition(trx, user, person.id, {
				transition,
				on,
				months,
				late: late.data,
				earlyGround: earlyGround.value,
				note,
				attachmentId: upload.id
			});
			if (!r.ok) return fail(r.status, { action: 'transition', message: r.message, errors: r.reasons.length ? r.reasons : [r.message] });
			const warnings = r.evaluation.results.filter((x) => x.status === 'warn').map((x) => x.reason);
			return { action: 'transition', ok: `已办理：${transitionLabels[transition]}`, warnings };
		});
	},
	entry: async ({ locals, params, request }) => {
		const user = requireUser();
		const person = await subject(locals.db, Number(params.id));
		powersOver(user, person.orgPath);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'development.entry' }, async (trx) => {
			const parsed = await parseForm(form, entryForm);
			if (!parsed.ok) return refused('entry', parsed.message);
			const { kind, occurredOn } = parsed.data;
			const upload = await uploadScan(trx, form, 'attachment', user.id);
			if (!upload.ok) return failed('entry', { status: 400, errors: [upload.message] });
			const details = kind === 'branch_meeting' ? { ...detailsFromForm(form), excused: excusedFromForm(form) } : detailsFromForm(form);
			const r = await recordEntry(trx, user, person.id, { kind, occurredOn, details, attachmentId: upload.id });
			if (!r.ok) return failed('entry', r);
			return { action: 'entry', ok: r.message };
		});
	},
	void: async ({ locals, params, request }) => {
		const user = requireUser();
		const person = await subject(locals.db, Number(params.id));
		powersOver(user, person.orgPath);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'development.void' }, async (trx) => {
			const parsed = await parseForm(form, voidForm);
			if (!parsed.ok) return refused('void', parsed.message);
			const r = await voidEntry(trx, user, person.id, parsed.data.entryId, parsed.data.reason);
			if (!r.ok) return failed('void', r);
			return { action: 'void', ok: r.message };
		});
	},
	confirmTraining: async ({ locals, params, request }) => {
		const user = requireUser();
		const person = await subject(locals.db, Number(params.id));
		powersOver(user, person.orgPath);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'development.confirmTraining' }, async (trx) => {
			const parsed = await parseForm(form, confirmTrainingForm);
			if (!parsed.ok) return refused('confirmTraining', parsed.message);
			const r = await confirmExternalTraining(trx, user, person.id, parsed.data.entryId);
			if (!r.ok) return failed('confirmTraining', r);
			return { action: 'confirmTraining', ok: r.message };
		});
	},
	supporter: async ({ locals, params, request }) => {
		const user = requireUser();
		const person = await subject(locals.db, Number(params.id));
		powersOver(user, person.orgPath);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'development.supporter' }, async (trx) => {
			const parsed = await parseForm(form, supporterForm);
			if (!parsed.ok) return refused('supporter', parsed.message);
			const r = await assignSupporter(trx, user, person.id, parsed.data);
			if (!r.ok) return failed('supporter', r);
			return { action: 'supporter', ok: r.message };
		});
	},
	endSupporter: async ({ locals, params, request }) => {
		const user = requireUser();
		const person = await subject(locals.db, Number(params.id));
		powersOver(user, person.orgPath);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'development.endSupporter' }, async (trx) => {
			const parsed = await parseForm(form, endSupporterForm);
			if (!parsed.ok) return refused('endSupporter', parsed.message);
			const r = await endSupporter(trx, user, person.id, parsed.data.id, parsed.data.endedOn);
			if (!r.ok) return failed('endSupporter', r);
			return { action: 'endSupporter', ok: r.message };
		});
	},
	exempt: async ({ locals, params, request }) => {
		const user = requireUser();
		const person = await subject(locals.db, Number(params.id));
		powersOver(user, person.orgPath);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'development.exempt' }, async (trx) => {
			const parsed = await parseForm(form, exemptForm);
			if (!parsed.ok) return refused('exempt', parsed.message);
			const upload = await uploadScan(trx, form, 'attachment', user.id);
			if (!upload.ok) return failed('exempt', { status: 400, errors: [upload.message] });
			const r = await grantExemption(trx, user, person.id, { ...parsed.data, attachmentId: upload.id });
			if (!r.ok) return failed('exempt', r);
			return { action: 'exempt', ok: r.message };
		});
	},
	revokeExemption: async ({ locals, params, request }) => {
		const user = requireUser();
		const person = await subject(locals.db, Number(params.id));
		powersOver(user, person.orgPath);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'development.revokeExemption' }, async (trx) => {
			const parsed = await parseForm(form, revokeExemptionForm);
			if (!parsed.ok) return refused('revokeExemption', parsed.message);
			const r = await revokeExemption(trx, user, person.id, parsed.data.id);
			if (!r.ok) return failed('revokeExemption', r);
			return { action: 'revokeExemption', ok: r.message };
		});
	},
	facts: async ({ locals, params, request }) => {
		const user = requireUser();
		const person = await subject(locals.db, Number(params.id));
		powersOver(user, person.orgPath);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'development.facts' }, async (trx) => {
			const parsed = await parseForm(form, factsForm);
			if (!parsed.ok) return refused('facts', parsed.message);
			const r = await updateRecordFacts(trx, user, person.id, parsed.data);
			if (!r.ok) return failed('facts', r);
			return { action: 'facts', ok: r.message };
		});
	}
} satisfies Actions;
