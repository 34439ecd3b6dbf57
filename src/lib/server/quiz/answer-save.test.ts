import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { buildCourse, buildSchool } from '../../../test-support/cohorts';
import { buildBank, buildExamCohort, examValues } from '../../../test-support/quiz';
import { createSession, generateSessionToken } from '../auth/session';
import { startAttempt, submitAttempt } from './attempts';
import { createExam } from './exams';
import { answerSave } from './answer-save';
import { answerRoute } from './answer-route';
import type { PaperItem, QuestionType } from './tables';

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildSchool>>;
let cohortId: number;
const typeOf = new Map<number, QuestionType>();

beforeAll(async () => {
	t = await testDatabase();
	s = await buildSchool(t.db);
	const { id: courseId } = await buildCourse(t.db);
	for (const q of await buildBank(t.db, courseId)) typeOf.set(q.id, q.type);
	cohortId = await buildExamCohort(t.db, s, courseId);
	// People are created with a password to change; these have changed theirs.
	await t.db.updateTable('person').set({ mustChangePassword: false }).where('id', 'in', Object.values(s.learners).map((l) => l.id)).execute();
});
afterAll(() => t.close());

async function signedIn(personId: number) {
	const token = generateSessionToken();
	await createSession(t.db, token, personId);
	return token;
}

/** A running attempt of a fresh exam, its paper and a signed-in token of its learner. */
async function running(personId: number) {
	const examId = await createExam(t.db, s.users.admin.id, cohortId, examValues());
	const { attemptId } = await startAttempt(t.db, examId, personId);
	const row = await t.db.selectFrom('examAttempt').select('paper').where('id', '=', attemptId).executeTakeFirstOrThrow();
	return { attemptId, paper: row.paper as PaperItem[], token: await signedIn(personId) };
}

const put = (token: string | undefined, attemptId: number, questionId: number, body: unknown, contentType = 'application/json') =>
	answerSave(t.db, { token, contentType, attemptId, questionId, text: typeof body === 'string' ? body : JSON.stringify(body) });

const stored = (attemptId: number) =>
	t.db.selectFrom('examAnswer').select(['questionId', 'response', 'seq']).where('attemptId', '=', attemptId).orderBy('questionId').execute();

describe('saving an answer with the session checked in the same statement', () => {
	it('stores every answer type as given, keeps the newest and calls an older retry stale', async () => {
		const { a1 } = s.learners;
		const { attemptId, paper, token } = await running(a1.id);
		const pick = (type: QuestionType) => paper.find((i) => typeOf.get(i.q) === type)!.q;
		const given = { [pick('single')]: 2, [pick('multiple')]: [0, 3], [pick('true_false')]: false, [pick('fill_blank')]: ' 民主 集中制 ' };
		for (const [q, response] of Object.entries(given)) {
			const r = await put(token, attemptId, Number(q), { response, seq: 1 });
			expect(r.status).toBe(200);
			expect(r.body.savedAt).toBeInstanceOf(Date);
		}
		expect(await stored(attemptId)).toEqual(Object.entries(given).map(([q, response]) => ({ questionId: Number(q), response, seq: 1 })).sort((a, b) => a.questionId - b.questionId));
		const single = pick('single');
		expect((await put(token, attemptId, single, { response: 3, seq: 5 })).status).toBe(200);
		expect(await put(token, attemptId, single, { response: 1, seq: 4 })).toEqual({ status: 200, body: { stale: true } });
		expect((await stored(attemptId)).find((r) => r.questionId === single)).toEqual({ questionId: single, response: 3, seq: 5 });
	});

	it("refuses another person's attempt, a question not on the paper, a signed-out or expired session and a submitted attempt, storing nothing", async () => {
		const { a2, a3 } = s.learners;
		const { attemptId, paper, token } = await running(a2.id);
		const q = paper[0].q;
		const other = await signedIn(a3.id);
		expect(await put(other, attemptId, q, { response: 0, seq: 1 })).toEqual({ status: 404, body: { message: '未找到该题目' } });
		const offPaper = [...typeOf.keys()].find((id) => !paper.some((i) => i.q === id))!;
		expect((await put(token, attemptId, offPaper, { response: 0, seq: 1 })).status).toBe(404);
		expect((await put(undefined, attemptId, q, { response: 0, seq: 1 })).status).toBe(401);
		expect((await put('not-a-session', attemptId, q, { response: 0, seq: 1 })).status).toBe(401);
		const expired = await signedIn(a2.id);
		await t.db.updateTable('authSession').set({ expiresAt: new Date(Date.now() - 1000) }).where('personId', '=', a2.id).where('expiresAt', '>', new Date()).where('id', '!=', '').execute();
		expect((await put(expired, attemptId, q, { response: 0, seq: 1 })).status).toBe(401);
		expect(await stored(attemptId)).toEqual([]);

		const { attemptId: done, paper: p2, token: t2 } = await running(a3.id);
		expect((await submitAttempt(t.db, done, a3.id)).ok).toBe(true);
		expect(await put(t2, done, p2[0].q, { response: 0, seq: 1 })).toEqual({ status: 409, body: { message: '本次作答已交卷，答案不能再修改' } });
		expect(await stored(done)).toEqual([]);
	});

	it('answers bad bodies with 400 or 415 and a Chinese message, and a person who must change the password with 403', async () => {
		const { m1 } = s.learners;
		const { attemptId, paper, token } = await running(m1.id);
		const q = paper[0].q;
		expect(await put(token, attemptId, q, '{"response": 1,')).toEqual({ status: 400, body: { message: '提交的数据不是有效的 JSON' } });
		expect((await put(token, attemptId, q, { response: { a: 1 }, seq: 1 })).status).toBe(400);
		expect((await put(token, attemptId, q, { response: 1 })).status).toBe(400);
		expect((await put(token, attemptId, q, 'response=1', 'application/x-www-form-urlencoded')).status).toBe(415);
		await t.db.updateTable('person').set({ mustChangePassword: true }).where('id', '=', m1.id).execute();
		try {
			expect(await put(token, attemptId, q, { response: 1, seq: 1 })).toEqual({ status: 403, body: { message: '请先修改初始密码' } });
		} finally {
			await t.db.updateTable('person').set({ mustChangePassword: false }).where('id', '=', m1.id).execute();
		}
		expect(await stored(attemptId)).toEqual([]);
	});
});

describe('the fast route in front of SvelteKit', () => {
	it('answers an ordinary save as answerSave does and leaves every unusual request to SvelteKit', async () => {
		const { m2 } = s.learners;
		const { attemptId, paper, token } = await running(m2.id);
		const origin = 'http://exam.test';
		const route = answerRoute(t.db, origin);
		// 599: what this test server answers for a request the route did not take (SvelteKit's).
		const server = http.createServer((req, res) => {
			if (!route(req, res)) res.writeHead(599).end();
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		const send = async (path: string, init: { method?: string; cookie?: string; body?: string; headers?: Record<string, string> } = {}) => {
			const res = await fetch(base + path, {
				method: init.method ?? 'PUT',
				headers: { origin, 'content-type': 'application/json', ...(init.cookie === '' ? {} : { cookie: `dx_session=${init.cookie ?? token}` }), ...init.headers },
				body: init.body ?? JSON.stringify({ response: 1, seq: 1 })
			});
			return { status: res.status, body: res.status === 599 ? null : await res.json() };
		};
		try {
			const q = paper[0].q;
			const ok = await send(`/api/exams/attempts/${attemptId}/answers/${q}`);
			expect(ok.status).toBe(200);
			expect(typeof ok.body.savedAt).toBe('string');
			expect(await stored(attemptId)).toEqual([{ questionId: q, response: 1, seq: 1 }]);
			expect(await send(`/api/exams/attempts/${attemptId}/answers/${q}`, { body: '{' })).toEqual({ status: 400, body: { message: '提交的数据不是有效的 JSON' } });
			// left to SvelteKit: another site, no cookie, a form body, another method, an id out of range, another path
			const left = [
				send(`/api/exams/attempts/${attemptId}/answers/${q}`, { headers: { origin: 'https://evil.test' } }),
				send(`/api/exams/attempts/${attemptId}/answers/${q}`, { cookie: '' }),
				send(`/api/exams/attempts/${attemptId}/answers/${q}`, { headers: { 'content-type': 'text/plain' } }),
				send(`/api/exams/attempts/${attemptId}/answers/${q}`, { method: 'POST' }),
				send(`/api/exams/attempts/${attemptId}/answers/9999999999`),
				send(`/api/exams/attempts/${attemptId}/answers/${q}/x`)
			];
			for (const r of await Promise.all(left)) expect(r.status).toBe(599);
		} finally {
			server.close();
		}
	});
});
