import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { checkPractice, practiceQuestion } from '$lib/server/courses/practice';

// Practice gives instant feedback; the key is only sent back after an answer.
export const GET: RequestHandler = async ({ locals, params }) => {
	requireUser();
	const q = await practiceQuestion(locals.db, params.id);
	if (!q) error(404, '未找到该练习题');
	return json({ id: q.id, type: q.type, stem: q.stem, options: q.options });
};

export const POST: RequestHandler = async ({ locals, params, request }) => {
	requireUser();
	const q = await practiceQuestion(locals.db, params.id);
	if (!q) error(404, '未找到该练习题');
	const body = (await request.json().catch(() => null)) as { answer?: unknown } | null;
	if (!body || !('answer' in body)) error(400, '请先作答');
	return json({ correct: checkPractice(q, body.answer), answer: q.answer, explanation: q.explanation });
};
