import type { CalendarDate } from '../engine/dates';
import { developmentStages, type DevelopmentStage, type EntryKind } from '../tables';
import type {
	Approval,
	BranchMeetingVote,
	Mentor,
	PersonDossier,
	Sponsor,
	SponsorDiscipline,
	StageDecision,
	TrainingKind,
	TrainingSummary
} from '../engine/types';

// Database rows → the engine's PersonDossier. Pure, so the mapping is tested without a database.
// `details` were validated by entry-schema.ts when written; here they are only read.

export interface PersonRow {
	id: number;
	birthDate: CalendarDate | null;
	graduationDate: CalendarDate | null;
	politicalStatus: string;
	stage: DevelopmentStage | null;
	isLeagueMember: boolean | null;
	expectedLeavingDate: CalendarDate | null;
}

export interface EntryRow {
	kind: EntryKind;
	on: CalendarDate;
	d: Record<string, unknown>;
	/** A committee confirmed it (external training counts only then). */
	confirmed?: boolean;
}

export interface SupporterRow {
	role: 'mentor' | 'sponsor';
	name: string;
	isFullMember: boolean;
	/** A sponsor's 留党察看 and 开除党籍 from the registry, as [kind, startsOn, endsOn]; null for mentors. */
	discipline: [SponsorDiscipline['kind'], CalendarDate, CalendarDate | null][] | null;
	assignedOn: CalendarDate;
	endedOn: CalendarDate | null;
}

export interface ExemptionRow {
	checkId: string;
	reason: string;
	grantedOn: CalendarDate;
}

const pipelineStages: readonly string[] = developmentStages;

/** Stage from the record; for someone never recorded, what their 政治面貌 says (or applicant-to-be). */
export function stageOf(p: PersonRow): DevelopmentStage {
	if (p.stage) return p.stage;
	return (pipelineStages.includes(p.politicalStatus) ? p.politicalStatus : 'applicant') as DevelopmentStage;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v) || 0);

/** Counts stored with a `roll` were derived by the server from the branch's roll (meeting-roll.ts); others were typed. */
function rollOf(roll: unknown): Pick<BranchMeetingVote, 'fromRoll' | 'excused'> {
	if (typeof roll !== 'object' || roll === null) return { fromRoll: false, excused: 0 };
	const { excused, withoutVote } = roll as { excused?: unknown; withoutVote?: unknown };
	const n = (list: unknown) => (Array.isArray(list) ? list.length : 0);
	return { fromRoll: true, excused: n(excused) + n(withoutVote) };
}

function lateOf(late: unknown): Approval['late'] {
	if (typeof late !== 'object' || late === null) return null;
	const l = late as Record<string, unknown>;
	return { reason: str(l.reason), decidedOn: typeof l.decidedOn === 'string' && l.decidedOn ? l.decidedOn : null, decision: str(l.decision) };
}

function earlyGroundOf(g: unknown): Approval['earlyGround'] {
	if (typeof g !== 'object' || g === null) return null;
	const x = g as Record<string, unknown>;
	return x.ground === 'discipline' ? { ground: 'discipline', description: str(x.description) } : null;
}

/** A decision's filing is the first filing of that stage on or after it; an earlier one is kept so the check can flag it. */
function decisionsOf(decisions: EntryRow[], filingRows: EntryRow[]): StageDecision[] {
	const filings = [...filingRows].sort((a, b) => (a.on < b.on ? -1 : 1));
	return decisions
		.map((e) => {
			const stage = e.d.stage as 'activist' | 'candidate';
			const same = filings.filter((f) => f.d.stage === stage);
			const filed = same.find((f) => f.on >= e.on) ?? same.at(-1);
			return { stage, decidedOn: e.on, decidedBy: e.d.body === 'branch_meeting' ? 'branch_meeting' : 'branch_committee', filedOn: filed?.on ?? null };
		});
}

/** The latest external certificate a committee recorded or confirmed; one the branch alone recorded does not count. */
function externalTraining(entries: EntryRow[], kind: TrainingKind): TrainingSummary | null {
	const latest = entries
		.filter((e) => e.d.trainingKind === kind && e.confirmed === true)
		.sort((a, b) => (a.on < b.on ? -1 : 1))
		.at(-1);
	if (!latest) return null;
	return {
		certificate: { serial: str(latest.d.serial), issuedOn: latest.on, validUntil: (latest.d.validUntil as CalendarDate | null) ?? null, external: true, issuer: str(latest.d.issuer) },
		creditHours: { offline: num(latest.d.offlineHours), online: num(latest.d.onlineHours) },
		days: num(latest.d.days),
		exam: latest.d.examPassed === false ? 'failed' : 'passed',
		completed: true,
		completedOn: latest.on
	};
}

/** The party school's own record when it shows 结业, else a confirmed external certificate, else what the school has. */
function trainingOf(own: TrainingSummary | undefined, external: TrainingSummary | null): TrainingSummary | null {
	if (own?.completed) return own;
	return external ?? own ?? null;
}

export function buildDossier(
	p: PersonRow,
	entries: EntryRow[],
	supporters: SupporterRow[],
	exemptions: ExemptionRow[],
	training: Partial<Record<TrainingKind, TrainingSummary>>
): PersonDossier {
	// One pass to group by kind: this runs for every person of a school-wide list.
	const byKind = new Map<EntryKind, EntryRow[]>();
	for (const e of entries) {
		const list = byKind.get(e.kind);
		if (list) list.push(e);
		else byKind.set(e.kind, [e]);
	}
	const none: EntryRow[] = [];
	const of = (kind: EntryKind) => byKind.get(kind) ?? none;
	const latestOn = (kind: EntryKind) => of(kind).reduce<CalendarDate | null>((m, e) => (m === null || e.on > m ? e.on : m), null);
	const application = latestOn('application');
	const dates = (kind: EntryKind) => of(kind).map((e) => e.on);
	const mentors: Mentor[] = supporters
		.filter((s) => s.role === 'mentor')
		.map((s) => ({ name: s.name, isFullMember: s.isFullMember, assignedOn: s.assignedOn, endedOn: s.endedOn }));
	const sponsors: Sponsor[] = supporters
		.filter((s) => s.role === 'sponsor' && s.endedOn === null)
		.map((s) => ({
			name: s.name,
			isFullMember: s.isFullMember,
			discipline: (s.discipline ?? []).map(([kind, startsOn, endsOn]) => ({ kind, startsOn, endsOn }))
		}));
	const branchMeetings: BranchMeetingVote[] = of('branch_meeting').map((e) => ({
		purpose: e.d.purpose as BranchMeetingVote['purpose'],
		heldOn: e.on,
		membersWithVotingRights: num(e.d.membersWithVotingRights),
		...rollOf(e.d.roll),
		present: num(e.d.present),
		votesFor: num(e.d.votesFor),
		votesAgainst: num(e.d.votesAgainst),
		abstentions: num(e.d.abstentions)
	}));
	const approvals: Approval[] = of('approval').map((e) => ({
		purpose: e.d.purpose as Approval['purpose'],
		approvedOn: e.on,
		approverKind: e.d.approverKind === 'committee' ? 'committee' : 'general_branch',
		late: lateOf(e.d.late),
		earlyGround: earlyGroundOf(e.d.earlyGround)
	}));
	const form = of('admission_form').reduce<EntryRow | null>((m, e) => (m === null || e.on >= m.on ? e : m), null);
	const trainingFor = (kind: TrainingKind) => trainingOf(training[kind], externalTraining(of('external_training'), kind));
	return {
		birthDate: p.birthDate,
		graduationDate: p.graduationDate,
		expectedLeavingDate: p.expectedLeavingDate,
		stage: stageOf(p),
		isLeagueMember: p.isLeagueMember ?? p.politicalStatus === 'league_member',
		application: application ? { submittedOn: application } : null,
		talks: of('talk').map((e) => ({
			kind: e.d.purpose === 'pre_approval' ? 'pre_approval' : 'application',
			heldOn: e.on,
			by: (['branch', 'committee_member', 'organizer'].includes(str(e.d.by)) ? e.d.by : 'branch') as 'branch'
		})),
		nominations: of('nomination').map((e) => ({ kind: e.d.kind as 'member', madeOn: e.on })),
		decisions: decisionsOf(of('decision'), of('filing')),
		mentors,
		evaluations: of('evaluation').map((e) => e.on),
		thoughtReports: of('thought_report').map((e) => e.on),
		opinions: of('opinion').map((e) => ({ source: e.d.source as 'masses', gatheredOn: e.on })),
		publicNotices: of('public_notice').map((e) => ({
			kind: e.d.kind as 'candidate',
			startsOn: e.on,
			workingDays: num(e.d.workingDays),
			unresolvedObjections: e.d.unresolvedObjections === true
		})),
		sponsors,
		politicalReviews: of('political_review').map((e) => ({ concludedOn: e.on, conclusion: e.d.conclusion === 'qualified' ? 'qualified' : 'unqualified' })),
		preReviews: of('pre_review').map((e) => ({ answeredOn: e.on, passed: e.d.passed === true })),
		admissionForm: form ? { issuedOn: form.on, serial: str(form.d.serial) } : null,
		branchMeetings,
		approvals,
		probationExtensions: of('probation_extension').map((e) => ({ decidedOn: e.on, months: num(e.d.months) })),
		training: { activist: trainingFor('activist'), candidate: trainingFor('candidate'), probationary: trainingFor('probationary') },
		exemptions: exemptions.map((x) => ({ checkId: x.checkId, reason: x.reason, grantedOn: x.grantedOn })),
		branchReviews: dates('branch_review'),
		filings: of('filing')
			.filter((e) => e.d.stage === 'probationary' || e.d.stage === 'member')
			.map((e) => ({ stage: e.d.stage as 'probationary' | 'member', filedOn: e.on })),
		placements: dates('placement'),
		oaths: dates('oath'),
		confirmationApplications: dates('confirmation_application'),
		archives: dates('archive')
	};
}
