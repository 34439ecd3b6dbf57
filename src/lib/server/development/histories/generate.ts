import { addDays, addMonths, type CalendarDate } from '../engine/dates';
import { developmentStages, type DevelopmentStage, type EntryKind } from '../tables';
import type { TrainingKind } from '../engine/types';

// A plausible record for someone at a given stage, dated backwards from when they reached it:
// the demo, the database tests and the benchmark all start from these. Steps of the current stage
// that fall after `today` are left out, so people are caught mid-way and deadlines show.

export interface HistoryOptions {
	stage: DevelopmentStage;
	/** When the person reached `stage` (the decision, the admitting meeting, the end of probation). */
	since: CalendarDate;
	today: CalendarDate;
	isLeagueMember?: boolean;
	/** Leave out the activist-training certificate (someone still to be trained). */
	withoutActivistCertificate?: boolean;
	/** Leave out the steps of the current stage (just arrived, nothing done yet). */
	bare?: boolean;
	/** Leave out the branch's decision on the next stage (and its filing): still to be taken. */
	undecided?: boolean;
	/** Drop in-stage periodic steps now and then, so some deadlines are overdue (deterministic). */
	gaps?: number;
	/** Mentors/sponsors by name (full members). */
	mentors?: string[];
	sponsors?: string[];
}

export interface HistoryEntry {
	kind: EntryKind;
	occurredOn: CalendarDate;
	details: Record<string, unknown>;
}

export interface HistoryCertificate {
	kind: TrainingKind;
	issuedOn: CalendarDate;
	startsOn: CalendarDate;
	offlineHours: number;
	onlineHours: number;
	offlineDays: number;
}

export interface History {
	stage: DevelopmentStage;
	stageSince: CalendarDate;
	isLeagueMember: boolean;
	entries: HistoryEntry[];
	supporters: { role: 'mentor' | 'sponsor'; name: string; assignedOn: CalendarDate }[];
	certificates: HistoryCertificate[];
}

// Generated meetings carry a roll as the server derives it when one is recorded (records/meeting-roll.ts);
// its branch is left unnamed because these histories are not tied to a real branch's members.
const meeting = (purpose: string, total: number, votesFor: number) => ({
	purpose,
	membersWithVotingRights: total,
	present: total - 1,
	votesFor,
	votesAgainst: total - 1 - votesFor,
	abstentions: 0,
	roll: { branchOrgUnitId: null, branchName: '', onRoll: total, withoutVote: [], excused: [] }
});

export function buildHistory(o: HistoryOptions): History {
	const entries: HistoryEntry[] = [];
	const supporters: History['supporters'] = [];
	const certificates: HistoryCertificate[] = [];
	const league = o.isLeagueMember ?? true;
	const level = developmentStages.indexOf(o.stage);
	const add = (kind: EntryKind, on: CalendarDate, details: Record<string, unknown> = {}, inStage = false) => {
		if (inStage && (o.bare || on > o.today)) return;
		entries.push({ kind, occurredOn: on, details });
	};
	const mentors = o.mentors ?? ['王芳', '李强'];
	const sponsors = o.sponsors ?? mentors;
	let gapCounter = o.gaps ?? 0;
	const skip = () => o.gaps !== undefined && o.gaps > 0 && ++gapCounter % 3 === 0;

	// Anchors, computed backwards from `since`.
	// Callers keep `since` at least a fortnight back for probationary and member (the approval follows the meeting).
	const meetingOn = level === 4 ? addMonths(o.since, -12) : level === 3 ? o.since : null;
	const candidateOn = level === 2 ? o.since : meetingOn ? addDays(meetingOn, -110) : null;
	const activistOn = level === 1 ? o.since : candidateOn ? addDays(candidateOn, -380) : null;
	const appliedOn = level === 0 ? o.since : activistOn ? addDays(activistOn, -190) : o.since;
	const inStage = (stage: number) => level === stage;

	add('application', appliedOn);
	add('talk', addDays(appliedOn, 14), { purpose: 'application', by: 'branch', talker: '' }, inStage(0));
	add('nomination', addDays(appliedOn, 150), { kind: league ? 'league_recommendation' : 'member' }, inStage(0));
	if (level === 0 && !o.undecided) {
		add('decision', addDays(appliedOn, 185), { stage: 'activist', body: 'branch_committee' }, true);
		add('filing', addDays(appliedOn, 190), { stage: 'activist' }, true);
	}
	if (!activistOn) return { stage: o.stage, stageSince: o.since, isLeagueMember: league, entries, supporters, certificates };

	add('decision', activistOn, { stage: 'activist', body: 'branch_committee' });
	add('filing', addDays(activistOn, 7), { stage: 'activist' }, inStage(1));
	for (const name of mentors) if (!(inStage(1) && o.bare)) supporters.push({ role: 'mentor', name, assignedOn: activistOn });
	if (!o.withoutActivistCertificate) {
		const issued = addDays(activistOn, 60);
		if (!inStage(1) || (!o.bare && issued <= o.today)) certificates.push({ kind: 'activist', issuedOn: issued, startsOn: addDays(issued, -30), offlineHours: 12, onlineHours: 8, offlineDays: 2 });
	}
	for (const d of [85, 175, 265, 355]) if (!(inStage(1) && skip())) add('thought_report', addDays(activistOn, d), {}, inStage(1));
	for (const d of [178, 358]) if (!(inStage(1) && skip())) add('evaluation', addDays(activistOn, d), {}, inStage(1));
	for (const source of ['party_group', 'mentors', 'members', 'masses']) add('opinion', addDays(activistOn, 340), { source }, inStage(1));
	add('public_notice', addDays(activistOn, 352), { kind: 'candidate', workingDays: 5, unresolvedObjections: false }, inStage(1));
	if (level === 1 && !o.undecided) {
		add('decision', addDays(activistOn, 375), { stage: 'candidate', body: 'branch_committee' }, true);
		add('filing', addDays(activistOn, 380), { stage: 'candidate' }, true);
	}
	if (!candidateOn) return { stage: o.stage, stageSince: o.since, isLeagueMember: league, entries, supporters, certificates };

	add('decision', candidateOn, { stage: 'candidate', body: 'branch_committee' });
	add('filing', addDays(candidateOn, 5), { stage: 'candidate' }, inStage(2));
	const sponsoredOn = addDays(candidateOn, 10);
	for (const name of sponsors) if (!(inStage(2) && (o.bare || sponsoredOn > o.today))) supporters.push({ role: 'sponsor', name, assignedOn: sponsoredOn });
	const trainedOn = addDays(candidateOn, 45);
	if (!inStage(2) || (!o.bare && trainedOn <= o.today)) certificates.push({ kind: 'candidate', issuedOn: trainedOn, startsOn: addDays(trainedOn, -3), offlineHours: 24, onlineHours: 0, offlineDays: 3 });
	add('political_review', addDays(candidateOn, 60), { conclusion: 'qualified' }, inStage(2));
	add('branch_review', addDays(candidateOn, 80), {}, inStage(2));
	add('pre_review', addDays(candidateOn, 90), { passed: true }, inStage(2));
	add('admission_form', addDays(candidateOn, 93), { serial: `ZY-${addDays(candidateOn, 93).slice(0, 4)}-${candidateOn.replaceAll('-', '').slice(2)}` }, inStage(2));
	add('public_notice', addDays(candidateOn, 95), { kind: 'admission', workingDays: 5, unresolvedObjections: false }, inStage(2));
	add('branch_meeting', addDays(candidateOn, 110), meeting('admission', 20, 17), inStage(2));
	add('talk', addDays(candidateOn, 115), { purpose: 'pre_approval', by: 'organizer', talker: '' }, inStage(2));
	if (!meetingOn) return { stage: o.stage, stageSince: o.since, isLeagueMember: league, entries, supporters, certificates };

	const approvalPurpose = { purpose: 'admission', approverOrgUnitId: null, approverName: '党委', approverKind: 'committee' };
	add('approval', addDays(meetingOn, 15), approvalPurpose);
	add('filing', addDays(meetingOn, 20), { stage: 'probationary' }, inStage(3));
	add('placement', addDays(meetingOn, 20), { group: '' }, inStage(3));
	add('oath', addDays(meetingOn, 30), {}, inStage(3));
	// Probation's half-yearly 考察 and quarterly thought reports, then the application on the day it ends
	// (cpc-2026 refuses one dated earlier; cpc-2014 takes it up to a week before).
	for (const d of [180, 355]) if (!(inStage(3) && skip())) add('evaluation', addDays(meetingOn, d), {}, inStage(3));
	for (const d of [85, 175, 265, 355]) if (!(inStage(3) && skip())) add('thought_report', addDays(meetingOn, d), {}, inStage(3));
	add('confirmation_application', addMonths(meetingOn, 12), {}, inStage(3));
	add('public_notice', addDays(meetingOn, 350), { kind: 'confirmation', workingDays: 5, unresolvedObjections: false }, inStage(3));
	if (level < 4) return { stage: o.stage, stageSince: o.since, isLeagueMember: league, entries, supporters, certificates };

	// Confirmed on the day probation ended; party age counts from it.
	const confirmedOn = o.since;
	add('branch_meeting', confirmedOn, meeting('confirmation', 22, 20));
	add('approval', addDays(confirmedOn, 12), { ...approvalPurpose, purpose: 'confirmation' });
	add('filing', addDays(confirmedOn, 20), { stage: 'member' });
	add('archive', addDays(confirmedOn, 30), {}, true);
	return { stage: o.stage, stageSince: o.since, isLeagueMember: league, entries, supporters, certificates };
}
