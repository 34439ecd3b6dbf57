import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { closeExpiredAttempts } from '$lib/server/quiz/grading';
import { countingAttempt, learnerExam } from '$lib/server/quiz/learner-exam';
import { ExamError, startAttempt, startRefusal } from '$lib/server/quiz/attempts';
import { visible, windowState } from '$lib/server/quiz/policy';
import { paperMaxPoints } from '$lib/server/quiz/draw';
import { examReadiness, hasRequirements, readinessRefusal } from '$lib/server/quiz/readiness';
import { retakeContacts } from '$lib/server/quiz/retake';

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requireUser();
	const id = Number(params.id);
	await closeExpiredAttempts(locals.db, { examId: id, personId: user.id });
	const x = await learnerExam(locals.db, id, user.id);
	if (!x) error(404, '未找到该考试，或您不在该考试所属的培训班中');
	const showScore = visible(x.scoreVisibility, x.now, x.lastClose);
	const counting = countingAttempt(x.attempts, x.gradingMethod);
	const running = x.attempts.find((a) => a.status === 'in_progress');
	const attemptsLeft = Math.max(0, x.times.attemptsAllowed - x.attempts.length);
	const [readiness, contacts] = await Promise.all([
		hasRequirements(x) ? examReadiness(locals.db, x, user.id) : null,
		// Only a learner with nothing left needs to know whom to ask for a 补考.
		attemptsLeft === 0 && !running ? retakeContacts(locals.db, x.cohortId) : null
	]);
	const refusal = running ? null : (startRefusal(x) ?? (readiness?.missing.length ? readinessRefusal(readiness) : null));
	return {
		exam: {
			id: x.id,
			title: x.title,
			cohortName: x.cohortName,
			courseTitle: x.courseTitle,
			passMark: x.passMark,
			gradingMethod: x.gradingMethod,
			multipleScoring: x.multipleScoring,
			scoreVisibility: x.scoreVisibility,
			reviewVisibility: x.reviewVisibility,
			rules: x.rules.map((r) => ({ type: r.type, count: r.count, points: r.points })),
			// Rules give points per question; the drawn paper's total is the same for everyone.
			maxPoints: paperMaxPoints(x.rules.flatMap((r) => Array.from({ length: r.count }, () => ({ q: 0, p: r.points, o: null })))),
			...x.times,
			extended: x.override !== null
		},
		state: windowState(x.times, x.now),
		refusal,
		readiness,
		attemptsLeft,
		contacts,
		// The 补考 an organiser scheduled for this learner (an override), shown whatever its state.
		makeUp: x.override
			? { opensAt: x.override.opensAt, closesAt: x.override.closesAt, extraAttempts: x.override.extraAttempts ?? 0, extraMinutes: x.override.extraMinutes ?? 0 }
			: null,
		running: running ? { id: running.id, deadlineAt: running.deadlineAt } : null,
		attempts: x.attempts.map((a) => ({ ...a, score: showScore ? a.score : null })),
		reviewOpen: visible(x.reviewVisibility, x.now, x.lastClose),
		final: showScore && counting ? { score: counting.score, passed: (counting.score ?? 0) >= x.passMark } : null,
		scoreHiddenUntil: !showScore && x.scoreVisibility === 'after_close' ? x.lastClose : null
	};
};

export const actions = {
	start: async ({ locals, params, request }) => {
		const user = requireUser();
		// An attempt cannot be taken back: the page asks first (a dialog, or this answer without scripts).
		// Only to someone whose exam it is: anyone else is told it is not found, as a confirmed start is.
		if ((await request.formData().catch(() => null))?.get('confirmed') !== '1') {
			if (!(await learnerExam(locals.db, Number(params.id), user.id))) return fail(404, { message: '未找到该考试', confirm: false });
			return fail(400, { message: '请确认后再开始考试', confirm: true });
		}
		let attemptId: number;
		try {
			({ attemptId } = await startAttempt(locals.db, Number(params.id), user.id));
		} catch (e) {
			if (e instanceof ExamError) return fail(e.status, { message: e.message, confirm: false });
			throw e;
		}
		redirect(303, `/exams/${params.id}/attempts/${attemptId}`);
	}
} satisfies Actions;
