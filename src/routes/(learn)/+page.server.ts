import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { can, scopePaths } from '$lib/server/auth/authz';
import { stageCounts } from '$lib/server/people/stats';
import { dueFor } from '$lib/server/development/submissions/lists';
import { learnerHome } from '$lib/server/home/learner-home';
import { sessionKindLabels } from '$lib/server/attendance/labels';
import { shanghaiDateTime, shanghaiRange } from '$lib/time/shanghai';
import { stageLabels, transitionLabels } from '$lib/development/labels';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser();
	const paths = scopePaths(user, 'person.view');
	// One's own study, certificates and record: the self relation (authz.ts) grants these.
	const self = { orgPath: user.orgPath, personId: user.id };
	const [home, counts] = await Promise.all([
		can(user, 'person.view', self) ? learnerHome(locals.db, user) : null,
		paths.length ? stageCounts(locals.db, paths) : null
	]);
	// 「本季度思想汇报未交」, a mentor's 「待填写考察意见：…」 (development/submissions/due.ts): the home's
	// own statement reads them; without it, dueFor does.
	const due = home ? home.due : await dueFor(locals.db, user);
	const session = home?.nextSession;
	const exam = home?.exam;
	return {
		passwordChanged: url.searchParams.has('passwordChanged'),
		politicalStatus: user.politicalStatus,
		orgName: user.orgName,
		stageCounts: counts,
		due,
		continueWith: home?.continueWith ?? null,
		cohorts: (home?.cohorts ?? []).map((c) => ({
			id: c.id,
			name: c.name,
			courseCode: c.courseCode,
			courseTitle: c.courseTitle,
			endsOn: c.endsOn,
			hoursCredited: c.hoursCredited,
			requiredHours: c.requiredHours,
			lessonsDone: c.lessonsDone,
			lessonsRequired: c.lessonsRequired,
			onlineDone: c.onlineDone,
			nextLesson: c.nextLesson
		})),
		nextSession: session
			? { id: session.id, title: session.title, kind: sessionKindLabels[session.kind], when: shanghaiRange(session.startsAt, session.endsAt), place: session.place, cohortName: session.cohortName, leaveApproved: session.leaveStatus === 'approved' }
			: null,
		leaveDecisions: (home?.leaveDecisions ?? []).map((s) => ({ id: s.id, title: s.title, approved: s.leaveStatus === 'approved' })),
		exam: exam
			? { id: exam.id, title: exam.title, state: exam.state, opensAt: shanghaiDateTime(exam.opensAt), closesAt: shanghaiDateTime(exam.closesAt), running: exam.running, missing: exam.missing }
			: null,
		certificates: home?.certificates ?? [],
		step: home?.step ? { ...home.step, stageLabel: stageLabels[home.step.stage], nextLabel: transitionLabels[home.step.next] } : null
	};
};
