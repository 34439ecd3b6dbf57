import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { wrongAnswerReview } from '$lib/server/quiz/review';

// Only the learner's own attempt, and only once the exam has released its answers:
// wrongAnswerReview refuses otherwise without reading a key (review.test.ts).
export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requireUser();
	const review = await wrongAnswerReview(locals.db, Number(params.attemptId), user.id);
	if (!review.ok) error(review.status, review.message);
	if (review.attempt.examId !== Number(params.id)) error(404, '未找到该作答记录');
	return review;
};
