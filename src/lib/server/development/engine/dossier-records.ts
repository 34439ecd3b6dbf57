import type { CalendarDate } from './dates';

// The dated entries of a person's 纪实档案 (development-rules.md §5), one interface per kind of
// record, named from the glossary. The caller maps database rows onto these.

/** 入党申请书 */
export interface Application {
	submittedOn: CalendarDate;
}

/** 谈话: with an applicant (第七条), or by a committee member / organizer before approval. */
export interface Talk {
	kind: 'application' | 'pre_approval';
	heldOn: CalendarDate;
	by: 'branch' | 'committee_member' | 'organizer';
}

/** 党员推荐 / 推优 / the League's opinion for a League member over the 推优 age. */
export interface Nomination {
	kind: 'member' | 'league_recommendation' | 'league_opinion';
	madeOn: CalendarDate;
}

/** The branch committee's decision (the branch meeting's, where there is no committee) and its 备案. */
export interface StageDecision {
	stage: 'activist' | 'candidate';
	decidedOn: CalendarDate;
	decidedBy: 'branch_committee' | 'branch_meeting';
	filedOn: CalendarDate | null;
}

export interface Mentor {
	name: string;
	isFullMember: boolean;
	assignedOn: CalendarDate;
	endedOn: CalendarDate | null;
}

export type OpinionSource = 'party_group' | 'mentors' | 'members' | 'masses';
export interface Opinion {
	source: OpinionSource;
	gatheredOn: CalendarDate;
}

export type NoticeKind = 'candidate' | 'admission' | 'confirmation';
/** 公示: its length is what was announced, in working days. */
export interface PublicNotice {
	kind: NoticeKind;
	startsOn: CalendarDate;
	workingDays: number;
	unresolvedObjections: boolean;
}

export interface Sponsor {
	name: string;
	isFullMember: boolean;
	/**
	 * The sponsor's 留党察看 and 开除党籍 from the members' registry (people/discipline.ts): a member
	 * under 留党察看, or expelled, on the day of the decision may not sponsor.
	 */
	discipline: SponsorDiscipline[];
}

export interface SponsorDiscipline {
	kind: 'probation' | 'expulsion';
	startsOn: CalendarDate;
	/** 留党察看: its last day (inclusive); null for 开除党籍. */
	endsOn: CalendarDate | null;
}

export interface PoliticalReview {
	concludedOn: CalendarDate;
	conclusion: 'qualified' | 'unqualified';
}

export interface PreReview {
	answeredOn: CalendarDate;
	passed: boolean;
}

export type MeetingPurpose = 'admission' | 'confirmation' | 'extension' | 'cancellation';
/** 入党志愿书, issued after pre-review with its printed serial number. */
export interface AdmissionForm {
	issuedOn: CalendarDate;
	serial: string;
}

/** 支部大会 vote on one person (secret ballot, one person at a time). */
export interface BranchMeetingVote {
	purpose: MeetingPurpose;
	heldOn: CalendarDate;
	/**
	 * The full members of the branch with voting rights that day, derived by the server from the
	 * branch's roll: both denominators of 第二十条 (预备党员 have no vote), never typed in.
	 */
	membersWithVotingRights: number;
	/** Members on the roll not counted: under 留党察看 per the registry, or named by the recorder with a reason (abroad…). */
	excused: number;
	/** False for counts typed in by hand or imported: they prove nothing about the quorum. */
	fromRoll: boolean;
	present: number;
	votesFor: number;
	votesAgainst: number;
	abstentions: number;
}

/** Approval after the 3-month limit: the special reason and the committee's decision to extend the time. */
export interface LateApproval {
	reason: string;
	decidedOn: CalendarDate | null;
	/** The decision as recorded (meeting, minutes or document number). */
	decision: string;
}

/**
 * 第三十二条第三款: the ground on which probation is extended or cancelled before it ends. 违犯党纪
 * is the only one; what happened is required, so the approval says why it could not wait.
 */
export interface EarlyGround {
	ground: 'discipline';
	description: string;
}

export interface Approval {
	purpose: MeetingPurpose;
	approvedOn: CalendarDate;
	approverKind: 'committee' | 'general_branch';
	late?: LateApproval | null;
	/** Extension or cancellation only: recorded when the branch decided before probation ended. */
	earlyGround?: EarlyGround | null;
}

export interface ProbationExtension {
	decidedOn: CalendarDate;
	months: number;
}

/**
 * 结业证书; `external` marks one from another party school, accepted or not by setting. Such a
 * certificate reaches the dossier only once a committee has recorded or confirmed it.
 */
export interface Certificate {
	serial: string;
	issuedOn: CalendarDate;
	validUntil: CalendarDate | null;
	external: boolean;
	/** The party school that issued an external certificate. */
	issuer?: string;
}

export type TrainingKind = 'activist' | 'candidate' | 'probationary';
/** How the course's final exam stands; `ungraded`: submitted, the grade still to come. */
export type ExamState = 'passed' | 'failed' | 'not_taken' | 'ungraded';
/** What the party school reports for one kind of training: the latest valid certificate and totals. */
export interface TrainingSummary {
	certificate: Certificate | null;
	creditHours: { offline: number; online: number };
	/** Distinct days of offline (in-person) training. */
	days: number;
	/** null when the course had no final exam. */
	exam: ExamState | null;
	/** 结业: a certificate is held, or the training class's completion rule is met. */
	completed: boolean;
	/** The day 结业 was certified: the certificate's first issue (a reissue keeps it); null without one. */
	completedOn: CalendarDate | null;
}

/** Granted by a committee-level role; the engine only reads it. */
export interface Exemption {
	checkId: string;
	reason: string;
	grantedOn: CalendarDate;
}

/**
 * The steps after the 发展对象 decision that the checks and the due list read (§1 steps 12, 18–20,
 * 22, 25): each a dated entry; where one repeats, the latest counts.
 */
export interface LaterSteps {
	/** 支部委员会审查 of the 发展对象's materials, before asking for the 预审 (step 12). */
	branchReviews: CalendarDate[];
	/** 备案 with the organisation department one level up: of the admission, of the confirmation (step 18). */
	filings: { stage: 'probationary' | 'member'; filedOn: CalendarDate }[];
	/** 编入党支部和党小组 (step 19). */
	placements: CalendarDate[];
	/** 入党宣誓 (step 20). */
	oaths: CalendarDate[];
	/** 书面转正申请 (step 22). */
	confirmationApplications: CalendarDate[];
	/** 材料归档 (step 25). */
	archives: CalendarDate[];
}
