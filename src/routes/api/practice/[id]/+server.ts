import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { readJson } from '$lib/server/http/json-body';
import { requireUser } from '$lib/server/auth/guard';
import { answerPractice, openPractice, type PracticeRequest } from '$lib/server/courses/practice';

// Practice gives instant feedback; the key is only sent back after an answer. The widget names
// the lesson it sits in (?course=ACT&lesson=slug), and that lesson decides what it may ask for.
function practiceRequest(personId: number, id: string, url: URL): PracticeRequest {
	return { personId, id, course: url.searchParams.get('course') ?? '', lesson: url.searchParams.get('lesson') ?? '' };
}

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const user = requireUser();
	const r = await openPractice(locals.db, practiceRequest(user.id, params.id, url));
	if (!r.ok) error(r.status, r.message);
	return json(r.question, { headers: { 'cache-control': 'private, no-store' } });
};

export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const user = requireUser();
	// The answer's shape depends on the question, so answerPractice checks it.
	const body = await readJson(request, z.unknown());
	const r = await answerPractice(locals.db, practiceRequest(user.id, params.id, url), body);
	if (!r.ok) error(r.status, r.message);
	return json(r.result);
};
