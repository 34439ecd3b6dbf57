import { myCohorts } from '$lib/server/cohorts/learner';
import { lastStudiedLesson } from '$lib/server/study/last-lesson';
import { upcomingFor } from '$lib/server/attendance/learner';
import { myExams } from '$lib/server/quiz/learner-exam';
import { examListItem } from '$lib/server/quiz/learner-list';
import { examReadiness, hasRequirements } from '$lib/server/quiz/readiness';
import { heldCertificates } from '$lib/server/certificates/held';
import { ownNextStep } from './development-step';
import type { Db } from '$lib/server/db';

/**
 * What a learner's home page says to do next: where to continue, each open cohort's progress,
 * the next 集中授课, the exam, certificates held and the development record's next step.
 *
 * Each part comes from the query its own page uses (myCohorts, upcomingFor, myExams …), all
 * started at once: six queries side by side, then at most the one exam's readiness (two small
 * queries) and, only for someone with an open development record, the engine's reading of it.
 */
export async function learnerHome(db: Db, personId: number, now = new Date()) {
	const [cohorts, last, sessions, examRows, certificates, record] = await Promise.all([
		myCohorts(db, personId),
		lastStudiedLesson(db, personId),
		upcomingFor(db, personId, now),
		myExams(db, personId),
		heldCertificates(db, personId),
		db.selectFrom('developmentRecord').select(['closedOn', 'stage']).where('personId', '=', personId).executeTakeFirst()
	]);
	const exams = examRows.map(examListItem);
	// The exam to prepare for: one open now, else the soonest still to open; none already passed.
	const pending = exams.filter((x) => x.passed !== true && x.state !== 'closed');
	const exam = pending.find((x) => x.state === 'open') ?? pending.filter((x) => x.state === 'upcoming').sort((a, b) => +a.opensAt - +b.opensAt)[0] ?? null;
	const [readiness, step] = await Promise.all([
		exam && hasRequirements(exam) ? examReadiness(db, exam, personId) : null,
		record && !record.closedOn && record.stage !== 'member' ? ownNextStep(db, personId, now) : null
	]);
	const scheduled = sessions.filter((s) => s.status === 'scheduled');
	return {
		continueWith: last ?? null,
		cohorts: cohorts.filter((c) => c.status === 'open'),
		nextSession: scheduled[0] ?? null,
		// Leave requests a branch has decided on, for sessions still ahead.
		leaveDecisions: scheduled.filter((s) => s.leaveStatus === 'approved' || s.leaveStatus === 'refused'),
		exam: exam ? { ...exam, missing: readiness?.missing ?? [] } : null,
		certificates,
		step
	};
}

export type LearnerHome = Awaited<ReturnType<typeof learnerHome>>;
