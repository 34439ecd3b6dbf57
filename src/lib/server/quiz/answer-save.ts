import { sql } from 'kysely';
import { prepared } from '../db/prepared';
import { sessionIdOf, validateSessionToken } from '../auth/session';
import { MALFORMED_JSON_MESSAGE } from '../http/guarded-request';
import { answerBody } from './api';
import { explainRefusedSave } from './attempts';
import { GRACE_SECONDS } from './policy';
import type { Db } from '$lib/server/db';

/**
 * PUT /api/exams/attempts/[attemptId]/answers/[questionId], from the session token and the body
 * text to the status and JSON to answer: exam day's hottest request (every learner saves each
 * answer as it is given). Both the SvelteKit route and the production server's fast path
 * (answer-route.ts) answer with it, so they cannot drift apart.
 *
 * One statement on the common path: it checks the session itself (as the hook would), that the
 * attempt is this person's, still running, in time and has this question, and stores the answer
 * unless a newer one (higher seq) is there. The rare refusal is explained by a second look.
 */
export interface SaveAnswer {
	status: number;
	body: Record<string, unknown>;
}

export const SIGNED_OUT_MESSAGE = '登录已失效，请重新登录；已保存的答案不会丢失';
export const NOT_JSON_MESSAGE = '请以 JSON 提交';
export const BAD_ANSWER_MESSAGE = '答案格式不正确，请刷新页面后重试';

export const isJsonType = (contentType: string | null | undefined) => /^application\/json\s*(;|$)/i.test(contentType ?? '');

// Built once (db/prepared.ts): Kysely building this per save cost more CPU than PostgreSQL's
// work. The response goes as JSON text, so every answer type is one statement on both engines.
// FOR SHARE OF a: a submit (which updates the attempt) waits for saves in flight, and a save
// after the submit finds the attempt no longer running.
const saveForSession = prepared((db: Db, sessionId: string, attemptId: number, questionId: number, response: string, seq: number) =>
	sql<{ savedAt: Date }>`
		insert into exam_answer (attempt_id, question_id, response, seq)
		select a.id, ${questionId}::integer, ${response}::text::jsonb, ${seq}::bigint
		from exam_attempt a
		join auth_session s on s.person_id = a.person_id
		join person p on p.id = s.person_id
		where s.id = ${sessionId} and s.expires_at > now() and p.is_active and not p.must_change_password
			and a.id = ${attemptId} and a.status = 'in_progress'
			and now() < a.deadline_at + make_interval(secs => ${GRACE_SECONDS})
			and a.paper @> jsonb_build_array(jsonb_build_object('q', ${questionId}::integer))
		for share of a
		on conflict (attempt_id, question_id) do update set response = excluded.response, seq = excluded.seq, saved_at = now()
			where exam_answer.seq <= excluded.seq
		returning saved_at`
);

function parseAnswer(text: string) {
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return { ok: false as const, message: MALFORMED_JSON_MESSAGE };
	}
	const parsed = answerBody.safeParse(body);
	if (parsed.success) return { ok: true as const, value: parsed.data };
	// A field schema from fields.ts says in Chinese what is wrong; zod's own messages are English.
	const issue = parsed.error.issues.find((i) => /[\u4e00-\u9fff]/.test(i.message));
	return { ok: false as const, message: issue?.message ?? BAD_ANSWER_MESSAGE };
}

export async function answerSave(
	db: Db,
	input: { token: string | undefined; contentType: string | null | undefined; attemptId: number; questionId: number; text: string }
): Promise<SaveAnswer> {
	// A script, not a page: 401 rather than the guards' redirect to the login page.
	if (!input.token) return { status: 401, body: { message: SIGNED_OUT_MESSAGE } };
	if (!isJsonType(input.contentType)) return { status: 415, body: { message: NOT_JSON_MESSAGE } };
	const parsed = parseAnswer(input.text);
	if (!parsed.ok) return { status: 400, body: { message: parsed.message } };
	const { response, seq } = parsed.value;
	const { attemptId, questionId } = input;
	const saved = await saveForSession.first(db, sessionIdOf(input.token), attemptId, questionId, JSON.stringify(response), seq);
	if (saved) return { status: 200, body: { savedAt: saved.savedAt } };

	// The rare path: say why nothing was stored.
	const session = await validateSessionToken(db, input.token);
	if (!session) return { status: 401, body: { message: SIGNED_OUT_MESSAGE } };
	if (session.user.mustChangePassword) return { status: 403, body: { message: '请先修改初始密码' } };
	const refused = await explainRefusedSave(db, { attemptId, personId: session.user.id, questionId });
	if (refused.ok) return { status: 200, body: { savedAt: refused.savedAt } };
	// A newer answer is already stored: this one is superseded, which is not an error.
	if (refused.stale) return { status: 200, body: { stale: true } };
	return { status: refused.status, body: { message: refused.message } };
}
