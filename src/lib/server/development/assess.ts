import { nextTransition } from '$lib/development/labels';
import type { RulesInEffect } from './context';
import type { CalendarDate } from './dates';
import { dueItems, type DueItem } from './due-items';
import { approvalFor, decisionFor } from './dossier';
import { evaluateFor } from './evaluation';
import type { LoadedPerson } from './load';
import { approvalPurpose } from './transitions';
import type { CheckId } from './rule-types';
import type { CheckResult, Transition } from './types';

// Where one person stands: their next step, what stands in its way, when they become eligible,
// and what falls due. The board, the deadline lists, the exports and the benchmark all use this.

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
	const purpose = approvalPurpose[transition];
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
