import { stillOpen, upcomingCutoffs } from '$lib/server/attendance/learner';
import { examListItem } from '$lib/server/quiz/learner-list';
import { hasRequirements, readinessOf } from '$lib/server/quiz/readiness';
import { studySettings } from '$lib/server/study/settings';
import { hoursOfStudied } from '$lib/server/study/hours';
import { developmentScope } from '$lib/server/development/access';
import { duePeriods, dueList, pendingCount } from '$lib/server/development/submissions/due';
import type { AuthUser } from '$lib/server/auth/session';
import { ownNextStep } from './development-step';
import { homeRow } from './home-row';
import type { Db } from '$lib/server/db';

type Row = NonNullable<Awaited<ReturnType<typeof homeRow.first>>>;

// JSON carries timestamps as text: back to the Dates the parts' own queries hand their callers.
const at = (v: Date | string) => new Date(v);
const atOrNull = (v: Date | string | null) => (v === null ? null : new Date(v));

function revive(row: Row) {
	return {
		...row,
		continueWith: row.continueWith ? { ...row.continueWith, completedAt: atOrNull(row.continueWith.completedAt), lastSeenAt: at(row.continueWith.lastSeenAt) } : null,
		sessions: row.sessions.map((s) => ({ ...s, startsAt: at(s.startsAt), endsAt: at(s.endsAt), noticeAt: atOrNull(s.noticeAt), checkedInAt: atOrNull(s.checkedInAt), checkedOutAt: atOrNull(s.checkedOutAt) })),
		exams: row.exams.map((x) => ({ ...x, opensAt: at(x.opensAt), closesAt: at(x.closesAt), ovOpensAt: atOrNull(x.ovOpensAt), ovClosesAt: atOrNull(x.ovClosesAt), lastClose: at(x.lastClose), now: at(x.now) }))
	};
}

/**
 * What a learner's home page says to do next: where to continue, each open cohort's progress,
 * the next 集中授课, the exam, certificates held, what is due and the development record's next step.
 *
 * One statement reads it all (homeRow), the exam's readiness included (its counts come with the
 * exam's cohort, counted as examReadiness counts them); then, only for an open
 * development record, the engine's reading of it. The branch's 待受理 count (only for those who
 * accept submissions) runs beside the statement.
 */
export async function learnerHome(db: Db, user: AuthUser, now = new Date()) {
	const { scheduledAfter, cancelledAfter } = upcomingCutoffs(now);
	const p = duePeriods(now);
	const [row, pending] = await Promise.all([
		homeRow.first(db, user.id, scheduledAfter, cancelledAfter, p.today, p.quarter, p.quarterFrom, p.quarterTo, p.half),
		pendingCount(db, developmentScope(user))
	]);
	const { record, cohorts, continueWith, sessions, exams: examRows, certificates, reported, mentees } = revive(row!);
	const exams = examRows.map(examListItem);
	// The exam to prepare for: one open now, else the soonest still to open; none already passed.
	const stillToPass = exams.filter((x) => x.passed !== true && x.state !== 'closed');
	const exam = stillToPass.find((x) => x.state === 'open') ?? stillToPass.filter((x) => x.state === 'upcoming').sort((a, b) => +a.opensAt - +b.opensAt)[0] ?? null;
	// The exam's cohort is one the learner is enrolled in (myExams joins the enrolment), so its row is
	// there; its 学时 at the minutes per 学时 examReadiness itself uses (read at most once a minute).
	const counted = exam && hasRequirements(exam) ? cohorts.find((c) => c.id === exam.cohortId) : undefined;
	const readiness = exam && counted
		? readinessOf(exam, Number(counted.lessonsRequired), Number(counted.lessonsDone), hoursOfStudied(counted.studied ?? [], (await studySettings(db)).creditHourMinutes))
		: null;
	const step = record && !record.closedOn && record.stage !== 'member' ? await ownNextStep(db, user.id, now) : null;
	const scheduled = stillOpen(sessions, now).filter((s) => s.status === 'scheduled');
	return {
		continueWith,
		cohorts: cohorts.filter((c) => c.status === 'open').map(({ studied: _, ...c }) => ({
			...c,
			lessonsDone: Number(c.lessonsDone),
			lessonsRequired: Number(c.lessonsRequired),
			hoursCredited: Number(c.hoursCredited),
			requiredHours: Number(c.requiredHours)
		})),
		nextSession: scheduled[0] ?? null,
		// Leave requests a branch has decided on, for sessions still ahead.
		leaveDecisions: scheduled.filter((s) => s.leaveStatus === 'approved' || s.leaveStatus === 'refused'),
		exam: exam ? { ...exam, missing: readiness?.missing ?? [] } : null,
		certificates,
		due: dueList({ own: record, reported, mentees, pending }),
		step
	};
}

export type LearnerHome = Awaited<ReturnType<typeof learnerHome>>;
