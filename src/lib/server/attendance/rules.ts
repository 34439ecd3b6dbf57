import type { AttendanceStatus } from './tables';

// When a learner may check in or out, and what status that earns. Pure functions of the
// session's settings and the server's clock, shared by the check-in path and its tests.

const MINUTE = 60_000;
/** Check-out stays open this long after the end; then the session closes. */
export const CHECKOUT_CLOSES_MIN = 30;

export interface SessionTimes {
	startsAt: Date;
	endsAt: Date;
	checkinOpensMin: number;
	lateAfterMin: number;
	checkinClosesMin: number;
	checkoutRequired: boolean;
}

export type CheckInPhase = 'not_open' | 'on_time' | 'late' | 'closed';

export function checkInOpensAt(s: SessionTimes) {
	return new Date(s.startsAt.getTime() - s.checkinOpensMin * MINUTE);
}

export function lateFrom(s: SessionTimes) {
	return new Date(s.startsAt.getTime() + s.lateAfterMin * MINUTE);
}

export function checkInClosesAt(s: SessionTimes) {
	return new Date(s.startsAt.getTime() + s.checkinClosesMin * MINUTE);
}

/** After this, nobody checks in or out and the unmarked are recorded absent. */
export function sessionClosesAt(s: Pick<SessionTimes, 'startsAt' | 'endsAt' | 'checkinClosesMin'>) {
	return new Date(Math.max(s.endsAt.getTime() + CHECKOUT_CLOSES_MIN * MINUTE, s.startsAt.getTime() + s.checkinClosesMin * MINUTE));
}

/** Check-in: open from opensAt; on time until the late mark (inclusive); late until it closes. */
export function checkInPhase(s: SessionTimes, now: Date): CheckInPhase {
	const t = now.getTime();
	if (t < checkInOpensAt(s).getTime()) return 'not_open';
	if (t >= checkInClosesAt(s).getTime()) return 'closed';
	return t <= lateFrom(s).getTime() ? 'on_time' : 'late';
}

export function checkInStatus(phase: 'on_time' | 'late'): AttendanceStatus {
	return phase === 'late' ? 'late' : 'present';
}

/** Check-out is open from the start until CHECKOUT_CLOSES_MIN after the end, for sessions that ask for it. */
export function checkoutOpen(s: SessionTimes, now: Date) {
	const t = now.getTime();
	return s.checkoutRequired && t >= s.startsAt.getTime() && t < s.endsAt.getTime() + CHECKOUT_CLOSES_MIN * MINUTE;
}

/** Leaving before the end makes an attended session 早退; a hand-marked status stays. */
export function checkoutStatus(current: AttendanceStatus, s: Pick<SessionTimes, 'endsAt'>, now: Date): AttendanceStatus {
	if (now.getTime() >= s.endsAt.getTime()) return current;
	return current === 'present' || current === 'late' ? 'early_leave' : current;
}

/** Statuses that count as having attended (出勤率), and those that earn the session's hours. */
export const attendedStatuses: readonly AttendanceStatus[] = ['present', 'late', 'early_leave'];
export const creditedStatuses: readonly AttendanceStatus[] = ['present', 'late'];
