import { nextTransition } from '$lib/development/labels';
import type { CalendarDate } from './engine/dates';
import { dueItems, type DueItem } from './engine/due-items';
import { approvalFor, decisionFor, meetingPurposeOf } from './engine/dossier-lookups';
import { evaluateTransition, type TransitionEvaluation } from './engine/evaluate-transition';
import type { CheckId } from './engine/rule-types';
import type { CheckResult, PersonDossier, TrainingKind, Transition } from './engine/types';
import { pendingExternalNotes } from './records/external-training';
import type { LoadedPerson } from './records/load';
import type { RulesInEffect } from './settings/rules-in-effect';

// The engine on a person's loaded records: the verdict on one transition with the party school's
// words beside it (`evaluateFor`), and where the person stands — their next step, what stands in
// its way, when they become eligible, and what falls due (`assess`). The transitions, the record
// page, the board, the deadline lists, the exports and the benchmark all use these.

const trainingChecks: Partial<Record<CheckId, TrainingKind>> = {
	'activist-training': 'activist',
	'candidate-training': 'candidate',
	'probationary-training': 'probationary'
};

/**
 * The engine's verdict on freshly loaded records, with the party school's own words beside a
 * training check that does not pass (an expired or revoked certificate, an exam not yet taken,
 * reads better than 「尚无」 alone), and any external certificate still waiting for the committee.
 */
export function evaluateFor(loaded: LoadedPerson, transition: Transition, rules: RulesInEffect, dossier: PersonDossier = loaded.dossier): TransitionEvaluation {
	const e = evaluateTransition(dossier, transition, rules.settingsForUnit(loaded.orgUnitId), rules.ctx);
	for (const r of e.results) {
		const kind = trainingChecks[r.checkId];
		if (!kind || r.status === 'pass') continue;
		const notes = loaded.trainingNotes[kind];
		if (notes?.length) r.reason = `${r.reason}（党校记录：${notes.join('；')}）`;
		const pending = pendingExternalNotes(loaded.entries, kind);
		if (pending.length) r.reason = `${r.reason}；${pending.join('；')}`;
	}
	return e;
}

export type Standing = 'ready' | 'waiting' | 'todo' | 'done';

export interface Blocker {
	checkId: CheckId;
	title: string;
	status: 'fail' | 'pending';
	reason: string;
	source: string;
	dueDate?: CalendarDate;
}

export interface Assessment {
	next: Transition | null;
	standing: Standing;
	/** The latest date among time-based checks still pending: when the person becomes eligible. */
	eligibleOn: CalendarDate | null;
	blockers: Blocker[];
	warnings: string[];
	/** Every exemption in force for the person, whichever step it served: shown in every report about them. */
	exemptions: { checkId: CheckId; title: string; reason: string }[];
	due: DueItem[];
}

/**
 * Checks the deciding act itself settles are not obstacles to it: the committee's approval (and
 * its time limit) for committee transitions, and the branch's decision for activist and candidate
 * while none is recorded — the board asks whether the person may be decided on.
 */
function settledByTheAct(r: CheckResult, loaded: LoadedPerson, transition: Transition): boolean {
	// A transition a committee approves is the approval of its meeting's purpose.
	const purpose = meetingPurposeOf[transition];
	if (purpose && (r.checkId === 'approver' || r.checkId === 'approval-3m')) return r.status === 'pending' && !approvalFor(loaded.dossier, purpose);
	if (r.checkId === 'decision-filed' && (transition === 'to_activist' || transition === 'to_candidate')) {
		return !decisionFor(loaded.dossier, transition === 'to_activist' ? 'activist' : 'candidate');
	}
	return false;
}

export function assess(loaded: LoadedPerson, rules: RulesInEffect): Assessment {
	const closed = !!loaded.record?.closedOn;
	const titleOf = (id: string) => (rules.settings.rules as Record<string, { title: string } | undefined>)[id]?.title ?? id;
	const exemptions = loaded.dossier.exemptions.map((x) => ({ checkId: x.checkId as CheckId, title: titleOf(x.checkId), reason: x.reason }));
	const next = closed ? null : nextTransition[loaded.dossier.stage];
	const due = closed ? [] : dueItems(loaded.dossier, rules.settingsForUnit(loaded.orgUnitId), rules.ctx);
	if (!next) return { next: null, standing: 'done', eligibleOn: null, blockers: [], warnings: [], exemptions, due };
	const evaluation = evaluateFor(loaded, next, rules);
	const title = (id: CheckId) => rules.settings.rules[id].title;
	const blockers: Blocker[] = [];
	const warnings: string[] = [];
	for (const r of evaluation.results) {
		if (r.status === 'warn') warnings.push(`『${title(r.checkId)}』${r.reason}`);
		if (!evaluation.blockingChecks.includes(r.checkId) || settledByTheAct(r, loaded, next)) continue;
		blockers.push({ checkId: r.checkId, title: title(r.checkId), status: r.status as 'fail' | 'pending', reason: r.reason, source: r.source, ...(r.dueDate ? { dueDate: r.dueDate } : {}) });
	}
	const pendingDates = blockers.filter((b) => b.status === 'pending' && b.dueDate).map((b) => b.dueDate!);
	const eligibleOn = pendingDates.length ? pendingDates.sort().at(-1)! : null;
	const standing: Standing = blockers.length === 0 ? 'ready' : blockers.every((b) => b.status === 'pending') ? 'waiting' : 'todo';
	return { next, standing, eligibleOn, blockers, warnings, exemptions, due };
}
