import { addMonths } from './dates';
import type { Approval, BranchMeetingVote, CalendarDate, MeetingPurpose, PersonDossier, StageDecision, Transition } from './types';

// Look-ups on a dossier shared by the checks and the due list. Dossier dates come from `date`
// columns as 'YYYY-MM-DD', so plain string comparison orders them.

/** The latest item (by its date) that passes `where`; ties go to the later one in the array. */
export function latest<T>(items: readonly T[], dateOf: (item: T) => CalendarDate, where?: (item: T) => boolean): T | undefined {
	let best: T | undefined;
	for (const item of items) {
		if (where && !where(item)) continue;
		if (best === undefined || dateOf(item) >= dateOf(best)) best = item;
	}
	return best;
}

export function decisionFor(d: PersonDossier, stage: StageDecision['stage']): StageDecision | undefined {
	return latest(d.decisions, (x) => x.decidedOn, (x) => x.stage === stage);
}

export function meetingFor(d: PersonDossier, purpose: MeetingPurpose): BranchMeetingVote | undefined {
	return latest(d.branchMeetings, (x) => x.heldOn, (x) => x.purpose === purpose);
}

export function approvalFor(d: PersonDossier, purpose: MeetingPurpose): Approval | undefined {
	return latest(d.approvals, (x) => x.approvedOn, (x) => x.purpose === purpose);
}

export const meetingPurposeOf: Partial<Record<Transition, MeetingPurpose>> = {
	to_probationary: 'admission',
	to_member: 'confirmation',
	extend_probation: 'extension',
	cancel_probation: 'cancellation'
};

/**
 * The date on which the deciding body takes this transition, when it is recorded: prerequisites
 * must hold on that day (a certificate valid then, a notice over by then). Undefined = not yet
 * decided; checks then measure against today.
 */
export function decidedOn(d: PersonDossier, transition: Transition): CalendarDate | undefined {
	switch (transition) {
		case 'apply':
			return d.application?.submittedOn;
		case 'to_activist':
			return decisionFor(d, 'activist')?.decidedOn;
		case 'to_candidate':
			return decisionFor(d, 'candidate')?.decidedOn;
		default: {
			const purpose = meetingPurposeOf[transition];
			return purpose && meetingFor(d, purpose)?.heldOn;
		}
	}
}

export function asOf(d: PersonDossier, transition: Transition, today: CalendarDate): CalendarDate {
	return decidedOn(d, transition) ?? today;
}

/** Cultivation is counted from the committee's decision, or from its filing where a school says so. */
export function activistSince(d: PersonDossier, anchor: 'decision' | 'filing'): CalendarDate | null {
	const decision = decisionFor(d, 'activist');
	if (!decision) return null;
	return anchor === 'filing' ? decision.filedOn : decision.decidedOn;
}

/** Probation runs from the admitting branch meeting (第三十二条), lengthened by any extension. */
export function probationPeriod(d: PersonDossier, months: number): { startsOn: CalendarDate; endsOn: CalendarDate } | null {
	const meeting = meetingFor(d, 'admission');
	if (!meeting) return null;
	const extended = d.probationExtensions.reduce((sum, e) => sum + e.months, 0);
	return { startsOn: meeting.heldOn, endsOn: addMonths(meeting.heldOn, months + extended) };
}

export function monthsText(months: number): string {
	return months === 12 ? '一年' : `${months}个月`;
}
