import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuthUser } from '../../auth/session';
import { stageLabels, stageOrder, transitionLabels, type StageName } from '$lib/development/labels';
import { developmentRights, type Approver } from '../access';
import { rulesInEffect, type RulesInEffect } from '../settings/rules-in-effect';
import { isCalendarDate, type CalendarDate } from '../engine/dates';
import { meetingFor } from '../engine/dossier-lookups';
import { meetingOutcome } from '../records/entry-schema';
import type { TransitionEvaluation } from '../engine/evaluate-transition';
import { evaluateFor } from '../standing';
import { loadDossier, type LoadedPerson } from '../records/load';
import { writeTransition, type Plan } from './writes';
import { lockPerson } from '../records/people';
import { transact } from '../../db/transact';
import type { EarlyGround, LateApproval, MeetingPurpose, PersonDossier, Transition } from '../engine/types';
import { checkEarlyGround } from './early-ground';

// Stage transitions as server actions: one transaction that locks the person, re-loads the
// record and re-runs every check with the settings in effect at that moment. Two people acting on
// the same person queue on the lock; the second then sees the new stage and is refused.

export interface TransitionRequest {
	transition: Transition;
	/** The date of the act entered with the transition: the application (apply) or the committee's approval. */
	on?: CalendarDate;
	/** extend_probation: months of the extension (defaults to what the branch meeting decided). */
	months?: number;
	note?: string;
	attachmentId?: string | null;
	/** apply: whether the applicant is a League member (defaults to their 政治面貌). */
	isLeagueMember?: boolean;
	/** An approval after the 3-month limit: the special reason and the committee's decision to extend (approval-3m). */
	late?: LateApproval;
	/** extend_probation, cancel_probation: the ground for deciding before probation ends (第三十二条第三款). */
	earlyGround?: EarlyGround;
}

export type TransitionResult =
	| { ok: true; stage: string; evaluation: TransitionEvaluation; entryIds: number[] }
	| { ok: false; status: 400 | 403 | 404; message: string; reasons: string[]; evaluation?: TransitionEvaluation };

/** Transitions decided by the higher committee's approval, and what that approval is of. */
export const approvalPurpose: Partial<Record<Transition, MeetingPurpose>> = {
	to_probationary: 'admission',
	to_member: 'confirmation',
	extend_probation: 'extension',
	cancel_probation: 'cancellation'
};

const refuse = (status: 400 | 403 | 404, message: string, reasons: string[] = [], evaluation?: TransitionEvaluation): TransitionResult => ({
	ok: false,
	status,
	message,
	reasons,
	...(evaluation ? { evaluation } : {})
});

/** One line per blocking check, as the secretary reads it: 『title』reason（source）. */
export function blockingReasons(e: TransitionEvaluation, settings: RulesInEffect['settings']): string[] {
	const lines = e.stageError ? [e.stageError] : [];
	for (const r of e.results) {
		if (!e.blockingChecks.includes(r.checkId)) continue;
		lines.push(`『${settings.rules[r.checkId].title}』${r.reason}（${r.source}）`);
	}
	return lines;
}

export async function performTransition(db: Kysely<Database>, actor: AuthUser, personId: number, req: TransitionRequest, options: { now?: Date } = {}): Promise<TransitionResult> {
	return transact(db, async (trx) => {
		const person = await lockPerson(trx, personId);
		if (!person) return refuse(404, '未找到该人员');
		const rights = developmentRights(actor, person.path);
		const purpose = approvalPurpose[req.transition];
		if (purpose) {
			if (!rights.approver) return refuse(403, rights.approverRefusal ?? `您无权${transitionLabels[req.transition]}：须由上级党委的组织员或组织部办理`);
		} else if (!rights.branch) {
			return refuse(403, `您无权为该人员${transitionLabels[req.transition]}`);
		}
		const rules = await rulesInEffect(trx, options.now ?? new Date());
		const loaded = await loadDossier(trx, personId, rules.at);
		if (!loaded) return refuse(404, '未找到该人员');
		const prepared = prepare(loaded, req, rules, rights.approver);
		if (!prepared.ok) return prepared.result;
		const evaluation = evaluateFor(loaded, req.transition, rules, prepared.dossier);
		const extra = purpose && purpose !== 'admission' && purpose !== 'confirmation' ? meetingProblems(prepared.dossier, purpose) : [];
		if (evaluation.blocked || extra.length) {
			const reasons = [...blockingReasons(evaluation, rules.settings), ...extra];
			return refuse(400, `不能${transitionLabels[req.transition]}：${reasons.length}项条件未满足`, reasons, evaluation);
		}
		const written = await writeTransition(trx, actor, loaded, prepared.plan, evaluation, rules);
		return { ok: true, stage: written.stage, evaluation, entryIds: written.entryIds };
	});
}

type Prepared = { ok: true; dossier: PersonDossier; plan: Plan } | { ok: false; result: TransitionResult };

/** Checks the request itself and puts the act being decided into the dossier, as the engine expects. */
function prepare(loaded: LoadedPerson, req: TransitionRequest, rules: RulesInEffect, approver: Approver | null): Prepared {
	const fail = (message: string): Prepared => ({ ok: false, result: refuse(400, message, [message]) });
	const d = loaded.dossier;
	const open = loaded.record && !loaded.record.closedOn;
	const base = { transition: req.transition, note: req.note?.trim() ?? '', attachmentId: req.attachmentId ?? null };

	if (req.transition === 'apply') {
		if (open) return fail(`已有入党申请记录（当前为${stageName(loaded.record!.stage)}），无需重复登记`);
		// Without an open record the 政治面貌 still says how far the person is (a roster import, a
		// transfer): an application would turn a member back into an applicant.
		const status = loaded.politicalStatus as StageName;
		if (stageOrder.indexOf(status) > 0) return fail(`该人员当前为${stageName(status)}，不能登记入党申请`);
		const on = req.on;
		if (!on || !isCalendarDate(on)) return fail('请填写递交入党申请书的日期');
		if (on > rules.today) return fail('递交申请的日期不能晚于今天');
		const isLeagueMember = req.isLeagueMember ?? d.isLeagueMember;
		return { ok: true, dossier: { ...d, application: { submittedOn: on }, isLeagueMember }, plan: { ...base, on, isLeagueMember } };
	}
	if (!open) return fail('尚未登记入党申请，请先登记入党申请书');
	const purpose = approvalPurpose[req.transition];
	let earlyGround: EarlyGround | null = null;
	if (req.earlyGround) {
		if (purpose !== 'extension' && purpose !== 'cancellation') return fail('提前讨论的事由只适用于延长预备期或取消预备党员资格');
		const checked = checkEarlyGround(req.earlyGround);
		if (!checked.ok) return fail(checked.message);
		earlyGround = checked.value;
	}
	if (!purpose) return { ok: true, dossier: d, plan: { ...base, on: rules.today } };

	const on = req.on;
	if (!on || !isCalendarDate(on)) return fail('请填写党委审批的日期');
	if (on > rules.today) return fail('审批日期不能晚于今天');
	const meeting = meetingFor(d, purpose);
	if (meeting && on < meeting.heldOn) return fail(`审批日期（${on}）不能早于支部大会（${meeting.heldOn}）`);
	const late = req.late && (req.late.reason || req.late.decidedOn || req.late.decision) ? req.late : null;
	const approvals = [...d.approvals, { purpose, approvedOn: on, approverKind: 'committee' as const, late, earlyGround }];
	const plan: Plan = { ...base, on, approver: approver!, purpose, late, earlyGround };
	if (req.transition !== 'extend_probation') return { ok: true, dossier: { ...d, approvals }, plan };
	const months = req.months ?? (meeting ? meetingMonths(loaded, meeting.heldOn) : undefined);
	if (!months || !Number.isInteger(months)) return fail('请填写延长预备期的月数（6–12个月）');
	const extension = { decidedOn: meeting?.heldOn ?? on, months };
	return { ok: true, dossier: { ...d, approvals, probationExtensions: [...d.probationExtensions, extension] }, plan: { ...plan, months, decidedOn: extension.decidedOn } };
}

/** Extension and cancellation have no vote check in the rule set; 第二十条 applies to their meetings all the same. */
function meetingProblems(d: PersonDossier, purpose: MeetingPurpose): string[] {
	const m = meetingFor(d, purpose);
	const what = purpose === 'extension' ? '延长预备期' : '取消预备党员资格';
	if (!m) return [`尚无支部大会讨论${what}的表决记录（《细则》第二十条、第三十二条）`];
	if (!m.fromRoll) return [`${m.heldOn} 支部大会的应到会人数未按支部党员名册核定（手工填写或导入），请作废该记录并重新登记表决情况（《细则》第二十条）`];
	const outcome = meetingOutcome({ ...m, purpose, months: undefined, note: '' });
	return outcome.carried ? [] : [`${m.heldOn} 支部大会${outcome.text}（《细则》第二十条）`];
}

/** The months a branch meeting decided for an extension are stored with the meeting entry. */
function meetingMonths(loaded: LoadedPerson, heldOn: CalendarDate): number | undefined {
	const entry = loaded.entries.findLast((e) => e.kind === 'branch_meeting' && e.d.purpose === 'extension' && e.on === heldOn);
	const months = Number(entry?.d.months);
	return Number.isInteger(months) && months > 0 ? months : undefined;
}

const stageName = (stage: StageName) => stageLabels[stage];
