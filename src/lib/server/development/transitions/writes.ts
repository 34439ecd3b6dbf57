import type { Transaction } from 'kysely';
import type { Database, PoliticalStatus } from '../../db/schema';
import type { AuthUser } from '../../auth/session';
import { appendAudit } from '../../audit/log';
import type { Approver } from '../access';
import type { RulesInEffect } from '../settings/rules-in-effect';
import type { CalendarDate } from '../engine/dates';
import { decisionFor, meetingFor, probationPeriod } from '../engine/dossier-lookups';
import type { TransitionEvaluation } from '../engine/evaluate-transition';
import type { LoadedPerson } from '../records/load';
import type { DevelopmentStage, EntryKind } from '../tables';
import type { EarlyGround, LateApproval, MeetingPurpose, Transition } from '../engine/types';
import { earlyGroundLabels } from './early-ground';

/** What a transition that passed its checks writes, decided in transitions.ts. */
export interface Plan {
	transition: Transition;
	on: CalendarDate;
	note: string;
	attachmentId: string | null;
	isLeagueMember?: boolean;
	approver?: Approver;
	purpose?: MeetingPurpose;
	months?: number;
	decidedOn?: CalendarDate;
	late?: LateApproval | null;
	/** Extension or cancellation before probation ended: 违犯党纪 and what happened (第三十二条第三款). */
	earlyGround?: EarlyGround | null;
}

const targetStage: Record<Transition, DevelopmentStage> = {
	apply: 'applicant',
	to_activist: 'activist',
	to_candidate: 'candidate',
	to_probationary: 'probationary',
	to_member: 'member',
	extend_probation: 'probationary',
	cancel_probation: 'probationary'
};

/**
 * The date the new stage counts from: the branch's decision for activist and candidate, the
 * admitting branch meeting for probation (第三十二条), the end of probation for party age.
 */
function stageSince(loaded: LoadedPerson, plan: Plan, rules: RulesInEffect): CalendarDate {
	const d = loaded.dossier;
	switch (plan.transition) {
		case 'to_activist':
			return decisionFor(d, 'activist')?.decidedOn ?? plan.on;
		case 'to_candidate':
			return decisionFor(d, 'candidate')?.decidedOn ?? plan.on;
		case 'to_probationary':
			return meetingFor(d, 'admission')?.heldOn ?? plan.on;
		case 'to_member':
			return probationPeriod(d, rules.settings.rules['probation-1y'].params.months)?.endsOn ?? plan.on;
		case 'apply':
			return plan.on;
		default:
			return loaded.record?.stageSince ?? plan.on;
	}
}

export async function writeTransition(trx: Transaction<Database>, actor: AuthUser, loaded: LoadedPerson, plan: Plan, evaluation: TransitionEvaluation, rules: RulesInEffect) {
	const from = loaded.record?.stage ?? null;
	const to = targetStage[plan.transition];
	const since = stageSince(loaded, plan, rules);
	const cancelled = plan.transition === 'cancel_probation';
	const entryIds: number[] = [];
	const addEntry = async (kind: EntryKind, occurredOn: CalendarDate, details: Record<string, unknown>, attachmentId: string | null = null) => {
		const row = await trx
			.insertInto('developmentEntry')
			.values({ personId: loaded.id, kind, occurredOn, details, recordedBy: actor.id, attachmentId })
			.returning('id')
			.executeTakeFirstOrThrow();
		entryIds.push(row.id);
	};

	if (plan.transition === 'apply') {
		await trx
			.insertInto('developmentRecord')
			.values({ personId: loaded.id, stage: 'applicant', stageSince: since, isLeagueMember: plan.isLeagueMember ?? false })
			.onConflict((oc) =>
				oc.column('personId').doUpdateSet({ stage: 'applicant', stageSince: since, isLeagueMember: plan.isLeagueMember ?? false, closedOn: null, closedReason: null, updatedAt: new Date() })
			)
			.execute();
		await addEntry('application', plan.on, { note: plan.note }, plan.attachmentId);
	} else {
		if (plan.approver && plan.purpose) {
			const a = plan.approver;
			await addEntry('approval', plan.on, { purpose: plan.purpose, approverOrgUnitId: a.orgUnitId, approverName: a.orgName, approverKind: 'committee', ...(plan.late ? { late: plan.late } : {}), ...(plan.earlyGround ? { earlyGround: plan.earlyGround } : {}), note: plan.note }, plan.attachmentId);
		}
		if (plan.transition === 'extend_probation') await addEntry('probation_extension', plan.decidedOn ?? plan.on, { months: plan.months, note: '' });
		await trx
			.updateTable('developmentRecord')
			.set(cancelled ? { closedOn: plan.on, closedReason: 'probation_cancelled', updatedAt: new Date() } : { stage: to, stageSince: since, updatedAt: new Date() })
			.where('personId', '=', loaded.id)
			.execute();
	}
	const isLeague = plan.isLeagueMember ?? loaded.dossier.isLeagueMember;
	const status: PoliticalStatus = cancelled ? (isLeague ? 'league_member' : 'masses') : to;
	// The members' registry keeps 入党日期 and 转正日期 (党龄 counts from the latter) with the stage.
	const partyDates =
		plan.transition === 'to_probationary' ? { joinedOn: since } : plan.transition === 'to_member' ? { confirmedOn: since } : cancelled ? { joinedOn: null } : {};
	await trx.updateTable('person').set({ politicalStatus: status, ...partyDates, updatedAt: new Date() }).where('id', '=', loaded.id).execute();

	const warnings = evaluation.results.filter((r) => r.status === 'warn').map((r) => `『${rules.settings.rules[r.checkId].title}』${r.reason}`);
	const exemptions = evaluation.results.filter((r) => r.exemption?.applied).map((r) => `『${rules.settings.rules[r.checkId].title}』豁免：${r.exemption!.reason}`);
	const change = {
		transition: plan.transition,
		from,
		to: cancelled ? 'cancelled' : to,
		settingsVersionId: rules.version.id || null,
		// The college version whose stricter values applied, if any (college-rules.ts).
		collegeSettingsVersionId: rules.collegeOf(loaded.orgUnitId)?.id ?? null,
		ruleSetId: rules.settings.ruleSetId,
		warnings,
		exemptions,
		...(plan.earlyGround ? { earlyGround: { ...plan.earlyGround, groundLabel: earlyGroundLabels[plan.earlyGround.ground] } } : {})
	};
	await addEntry('stage_change', cancelled ? plan.on : since, change);
	await appendAudit(trx, {
		actorId: actor.id,
		action: 'development.transition',
		entityType: 'person',
		entityId: loaded.id,
		before: { stage: from, politicalStatus: loaded.politicalStatus },
		after: { ...change, stageSince: since, politicalStatus: status, entryIds, checks: evaluation.results.map((r) => `${r.checkId}:${r.status}${r.exemption?.applied ? '(豁免)' : ''}`) }
	});
	return { stage: cancelled ? 'cancelled' : to, entryIds };
}
