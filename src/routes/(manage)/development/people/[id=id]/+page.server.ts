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
import { detailsFromForm, intOrUndefined, text, uploadScan } from '$lib/server/development/forms';
import { personHeader } from '$lib/server/development/records/people';
import { updateRecordFacts } from '$lib/server/development/records/facts';
import { recordView } from '$lib/server/development/records/view';
import { assignSupporter, endSupporter } from '$lib/server/development/records/supporters';
import { performTransition } from '$lib/server/development/transitions/perform';
import { earlyGroundFromForm } from '$lib/server/development/transitions/early-ground';
import { transitions, type Transition } from '$lib/server/development/engine/types';
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

export const actions = {
	apply: async ({ locals, params, request }) => {
		const user = requireUser();
		const person = await subject(locals.db, Number(params.id));
		powersOver(user, person.orgPath);
		const form = await request.formData();
		return once(locals.db, form, { personId: user.id, action: 'development.apply' }, async (trx) => {
			const upload = await uploadScan(trx, form, 'attachment', user.id);
			if (!upload.ok) return failed('apply', { status: 400, errors: [upload.message] });
			const r = await performTransition(trx, user, person.id, { transition: 'apply', on: text(form, 'on'), isLeagueMember: form.get('isLeagueMember') === 'on', note: text(form, 'note'), attachmentId: upload.id });
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
			const transition = text(form, 'transition') as Transition;
			if (!transitions.includes(transition) || transition === 'apply') return failed('transition', { status: 400, errors: ['请选择要办理的事项'] });
			const late = lateApproval.safeParse({ reason: text(form, 'lateReason'), decidedOn: text(form, 'lateDecidedOn'), decision: text(form, 'lateDecision') });
			if (!late.success) return failed('transition', { status: 400, errors: [...new Set(late.error.issues.map((i) => i.message))] });
			const earlyGround = earlyGroundFromForm(form);
			if (!earlyGround.ok) return failed('transition', { status: 400, errors: earlyGround.errors });
			const upload = await uploadScan(trx, form, 'attachment', user.id);
			if (!upload.ok) return failed('transition', { status: 400, errors: [upload.message] });
			const r = await performTransition(trx, user, person.id, {
				transition,
				on: text(form, 'on') || undefined,
				months: intOrUndefined(form, 'months'),
				late: late.data,
				earlyGround: earlyGround.value,
				note: text(form, 'note'),
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
			const upload = await uploadScan(trx, form, 'attachment', user.id);
			if (!upload.ok) return failed('entry', { status: 400, errors: [upload.message] });
			const kind = text(form, 'kind');
			const details = kind === 'branch_meeting' ? { ...detailsFromForm(form), excused: excusedFromForm(form) } : detailsFromForm(form);
			const r = await recordEntry(trx, user, person.id, { kind, occurredOn: text(form, 'occurredOn'), details, attachmentId: upload.id });
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
			const r = await voidEntry(trx, user, person.id, Number(text(form, 'entryId')), text(form, 'reason'));
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
			const r = await confirmExternalTraining(trx, user, person.id, Number(text(form, 'entryId')));
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
			const role = text(form, 'role') === 'sponsor' ? 'sponsor' : 'mentor';
			const r = await assignSupporter(trx, user, person.id, { role, username: text(form, 'username'), assignedOn: text(form, 'assignedOn') });
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
			const r = await endSupporter(trx, user, person.id, Number(text(form, 'id')), text(form, 'endedOn'));
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
			const upload = await uploadScan(trx, form, 'attachment', user.id);
			if (!upload.ok) return failed('exempt', { status: 400, errors: [upload.message] });
			const transition = text(form, 'transition') as Transition;
			const r = await grantExemption(trx, user, person.id, {
				checkId: text(form, 'checkId'),
				reason: text(form, 'reason'),
				attachmentId: upload.id,
				transition: transitions.includes(transition) ? transition : undefined
			});
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
			const r = await revokeExemption(trx, user, person.id, Number(text(form, 'id')));
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
			const r = await updateRecordFacts(trx, user, person.id, { expectedLeavingDate: text(form, 'expectedLeavingDate'), isLeagueMember: form.get('isLeagueMember') === 'on' });
			if (!r.ok) return failed('facts', r);
			return { action: 'facts', ok: r.message };
		});
	}
} satisfies Actions;
