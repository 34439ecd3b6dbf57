import type { Visibility } from './tables';

/** Seconds a save or a submit may arrive after the deadline: the last click travels too. */
export const GRACE_SECONDS = 5;

export interface ExamTimes {
	opensAt: Date;
	closesAt: Date;
	timeLimitMinutes: number;
	attemptsAllowed: number;
}

export interface OverrideTimes {
	extraAttempts: number | null;
	extraMinutes: number | null;
	opensAt: Date | null;
	closesAt: Date | null;
}

/** The exam as one learner sees it, with their 补考 override applied. */
export function effectiveTimes(exam: ExamTimes, override: OverrideTimes | null) {
	return {
		opensAt: override?.opensAt ?? exam.opensAt,
		closesAt: override?.closesAt ?? exam.closesAt,
		minutes: exam.timeLimitMinutes + (override?.extraMinutes ?? 0),
		attemptsAllowed: exam.attemptsAllowed + (override?.extraAttempts ?? 0)
	};
}

export type WindowState = 'upcoming' | 'open' | 'closed';

export function windowState(times: { opensAt: Date; closesAt: Date }, now: Date): WindowState {
	if (now < times.opensAt) return 'upcoming';
	return now < times.closesAt ? 'open' : 'closed';
}

/**
 * Whether a learner may see something of a submitted attempt. 'after_close' waits for the
 * last window of anyone (a 补考 learner's included), so the key cannot reach them early.
 */
export function visible(policy: Visibility, now: Date, lastClose: Date) {
	if (policy === 'never') return false;
	if (policy === 'after_submit') return true;
	return now >= lastClose;
}
