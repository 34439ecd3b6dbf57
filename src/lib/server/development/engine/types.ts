import type { CalendarDate } from './dates';
import type { WorkingCalendar } from './calendar';
import type { CheckId } from './rule-types';
import type {
	AdmissionForm,
	Application,
	Approval,
	BranchMeetingVote,
	Exemption,
	LaterSteps,
	Mentor,
	Nomination,
	Opinion,
	PoliticalReview,
	PreReview,
	ProbationExtension,
	PublicNotice,
	Sponsor,
	StageDecision,
	Talk,
	TrainingKind,
	TrainingSummary
} from './dossier-records';

export type * from './dossier-records';

export type { CalendarDate };

import { stages, type Stage } from '$lib/development/stages';
export { stages, type Stage };

/** 'apply' is the application itself (only the age check); the others move a person to a new stage. */
export const transitions = ['apply', 'to_activist', 'to_candidate', 'to_probationary', 'to_member', 'extend_probation', 'cancel_probation'] as const;
export type Transition = (typeof transitions)[number];

/**
 * A person's development record (纪实档案) as data. Arrays may be in any order; where a record
 * repeats, the latest dated one counts. To evaluate a decision being taken, include it (e.g. the
 * approval being entered); without it, checks measure against `today`.
 */
export interface PersonDossier extends LaterSteps {
	birthDate: CalendarDate | null;
	graduationDate: CalendarDate | null;
	/** Any other expected departure from the unit (transfer, end of contract). */
	expectedLeavingDate: CalendarDate | null;
	stage: Stage;
	isLeagueMember: boolean;
	application: Application | null;
	talks: Talk[];
	nominations: Nomination[];
	decisions: StageDecision[];
	mentors: Mentor[];
	evaluations: CalendarDate[];
	thoughtReports: CalendarDate[];
	opinions: Opinion[];
	publicNotices: PublicNotice[];
	sponsors: Sponsor[];
	politicalReviews: PoliticalReview[];
	preReviews: PreReview[];
	admissionForm: AdmissionForm | null;
	branchMeetings: BranchMeetingVote[];
	approvals: Approval[];
	/** For extend_probation, the extension being decided is included (see evaluateTransition). */
	probationExtensions: ProbationExtension[];
	training: Record<TrainingKind, TrainingSummary | null>;
	exemptions: Exemption[];
}

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'pending';

export interface ExemptionOutcome {
	applied: boolean;
	/** The committee's written reason. */
	reason: string;
	/** Why it was ignored, when it was. */
	note?: string;
}

export interface CheckResult {
	checkId: CheckId;
	status: CheckStatus;
	/** Chinese, for a branch secretary, with the dates that matter. */
	reason: string;
	source: string;
	dueDate?: CalendarDate;
	exemptable: boolean;
	exemption?: ExemptionOutcome;
}

export interface EvaluationContext {
	today: CalendarDate;
	calendar: WorkingCalendar;
}

export interface CheckContext extends EvaluationContext {
	transition: Transition;
	/**
	 * The school's one choice on certificates from other party schools (kept with
	 * 『入党积极分子培训』's parameters), for every kind of training.
	 */
	acceptExternalTraining: boolean;
}
