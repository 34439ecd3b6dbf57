import type { CheckId } from '../rule-types';
import { applicationToActivist, age, talkWithinMonth } from './application';
import { admissionNotice, candidateNotice } from './notices';
import { approvalWithinLimit, approver } from './approval';
import { admissionForm, leavingSoon, meetingAfterReview, preReview } from './admission';
import { committeeTalk, vote } from './meeting';
import { decisionFiled } from './decision';
import { evaluations, thoughtReports } from './periodic';
import { extensionOnce, probationYear } from './probation';
import { leagueRecommendation, leagueRecommendationValid } from './league';
import { mentors, oneYear, opinions } from './cultivation';
import { politicalReview, politicalReviewValid, sponsors } from './candidate';
import { activistTraining, candidateTraining, probationaryTraining } from './training';
import { admissionFiled, archive, branchReview } from './steps';
import { confirmationApplication, confirmationNotice, oath, placement, probationEvaluations, probationThoughtReports } from './probationary';
import type { CheckFn } from './result';

/** Check id → the function that decides it. The mapped type makes a missing or mistyped check a compile error. */
export const checks: { [K in CheckId]: CheckFn<K> } = {
	age,
	'talk-1m': talkWithinMonth,
	'app-to-activist': applicationToActivist,
	'league-rec': leagueRecommendation,
	'league-rec-age': leagueRecommendationValid,
	'decision-filed': decisionFiled,
	mentors,
	evaluations,
	'thought-reports': thoughtReports,
	'one-year': oneYear,
	'activist-training': activistTraining,
	opinions,
	'candidate-notice': candidateNotice,
	sponsors,
	'political-review': politicalReview,
	'political-review-age': politicalReviewValid,
	'candidate-training': candidateTraining,
	'pre-review': preReview,
	'admission-form': admissionForm,
	'leaving-3m': leavingSoon,
	'admission-notice': admissionNotice,
	'meeting-after-review': meetingAfterReview,
	vote,
	'committee-talk': committeeTalk,
	approver,
	'approval-3m': approvalWithinLimit,
	'probation-1y': probationYear,
	'extension-once': extensionOnce,
	'probationary-training': probationaryTraining,
	'branch-review': branchReview,
	'admission-filed': admissionFiled,
	placement,
	oath,
	'probation-evaluations': probationEvaluations,
	'probation-thought-reports': probationThoughtReports,
	'confirmation-notice': confirmationNotice,
	'confirmation-application': confirmationApplication,
	archive
};

export type { CheckFn };
