import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { readBody, send, tokenOf, type FastRoute } from '../http/fast-routes';
import { configuredOrigin, crossSite, nodeHeaders, requestOrigin } from '../http/cross-site';
import { tracked } from '../http/in-flight';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../db/unavailable';
import { answerSave, BAD_ANSWER_MESSAGE, isJsonType } from './answer-save';

/**
 * PUT /api/exams/attempts/<id>/answers/<id>, answered before SvelteKit (see http/fast-routes.ts)
 * with answerSave, as the SvelteKit route answers it: on exam day every learner saves every
 * answer, and SvelteKit's per-request machinery plus the hook's session query cost more than the
 * one statement that stores it (bench:exam).
 *
 * Only the ordinary request is taken: a signed-in, same-site JSON PUT of a sane size to ids that
 * exist as numbers. Anything else (another site, no cookie, another content type, a large body,
 * an id out of range) is left to SvelteKit, whose hook and route refuse it as for any request.
 */
const PATH = /^\/api\/exams\/attempts\/([1-9]\d{0,9})\/answers\/([1-9]\d{0,9})$/;
const MAX_ID = 2_147_483_647;
/** As http/fast-routes.ts's readBody allows; an answer is at most 500 characters. */
const MAX_BODY_BYTES = 16_384;

export function answerRoute(db: Kysely<Database>, configured: string | undefined): FastRoute {
	const configuredSite = configuredOrigin(configured);
	return (req, res) => {
		const match = req.method === 'PUT' ? PATH.exec(req.url ?? '') : null;
		// Without ORIGIN, the site is the address the request was made to, as for SvelteKit's routes.
		const origin = match ? (configuredSite ?? requestOrigin(nodeHeaders(req.headers))) : undefined;
		if (!match || !origin) return false;
		const attemptId = Number(match[1]);
		const questionId = Number(match[2]);
		if (attemptId > MAX_ID || questionId > MAX_ID) return false;
		const token = tokenOf(req.headers.cookie);
		if (!token || !isJsonType(req.headers['content-type']) || crossSite(nodeHeaders(req.headers), origin)) return false;
		if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return false;
		void tracked(async () => {
			const text = await readBody(req);
			if (text === undefined) return; // the client went away
			// Only a chunked body can pass the length check above and still be this long: not an answer.
			const answer =
				text === null
					? { status: 400, body: { message: BAD_ANSWER_MESSAGE } }
					: await answerSave(db, { token, contentType: req.headers['content-type'], attemptId, questionId, text });
			send(res, answer.status, answer.body);
		}).catch((err: unknown) => {
			// The same answer the SvelteKit route gives while PostgreSQL is down: the client saves again.
			if (isDatabaseUnavailable(err)) {
				if (!res.headersSent) send(res, 503, { message: DATABASE_UNAVAILABLE_MESSAGE });
				return;
			}
			console.error('[exam answer]', err);
			if (!res.headersSent) send(res, 500, { message: '服务器内部错误，请稍后重试' });
		});
		return true;
	};
}
