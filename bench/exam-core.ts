// The exam-day peak, played against a running server: all learners start one exam within
// `startWindowS`, then answers are saved at `savesPerS` for `saveSeconds`, then everyone
// submits within `submitWindowS`. Open loop: requests go out on schedule whatever the
// server's latency, as real learners would. Afterwards the database is checked: every
// acknowledged answer and every acknowledged submission must be there, every attempt
// must hold a whole paper, and no learner may have two attempts.
import http from 'node:http';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/lib/server/db/schema';
import type { PaperRule, QuestionType } from '../src/lib/server/quiz/tables';
import { jsonb } from '../src/lib/server/quiz/jsonb';
import { prng } from '../src/lib/server/quiz/draw';

type Db = Kysely<Database>;
type Given = number | number[] | boolean | string;

export interface ExamBenchOptions {
	url: string;
	db: Db;
	learners: { id: number; cookie: string }[];
	cohortId: number;
	startWindowS?: number;
	savesPerS?: number;
	saveSeconds?: number;
	submitWindowS?: number;
	/** the bank from benchBank; a new one when left out */
	bank?: { courseId: number };
	/** the warm-up on a separate quiz (default true): only the first step of a run needs it */
	warmup?: boolean;
	/** CPU meter factory (bench/lib/cpu.ts): a reading per phase */
	cpu?: () => () => Record<string, unknown>;
	/** told when each measured phase begins (with its planned length) and ends, e.g. to crash an instance in it */
	onPhase?: (phase: 'start' | 'save' | 'submit', event: 'begin' | 'end', plannedSeconds: number) => void;
	log?: (line: string) => void;
}

export const RULES: PaperRule[] = [
	{ type: 'single', count: 8, points: 5 },
	{ type: 'multiple', count: 4, points: 7.5 },
	{ type: 'true_false', count: 2, points: 5 },
	{ type: 'fill_blank', count: 2, points: 5 }
];
const PAPER_LENGTH = RULES.reduce((n, r) => n + r.count, 0);

/** A bank written for the run (no dependence on content/): 40 single, 20 multiple, 20 true/false, 10 fill-in. */
export async function benchBank(db: Db, cohortId: number) {
	const cohort = await db.selectFrom('cohort').select('courseId').where('id', '=', cohortId).executeTakeFirstOrThrow();
	const mk = (type: QuestionType, n: number) =>
		Array.from({ length: n }, (_, i) => ({
			courseId: cohort.courseId,
			source: 'browser' as const,
			type,
			chapter: (i % 8) + 1,
			stem: `压测题 ${type} ${i} ${Date.now()}`,
			options: type === 'single' ? ['甲', '乙', '丙', '丁'] : type === 'multiple' ? ['甲', '乙', '丙', '丁', '戊'] : [],
			answer: jsonb(type === 'single' ? i % 4 : type === 'multiple' ? [0, 2] : type === 'true_false' ? i % 2 === 0 : ['民主集中制'])
		}));
	await db.insertInto('question').values([...mk('single', 40), ...mk('multiple', 20), ...mk('true_false', 20), ...mk('fill_blank', 10)]).execute();
	return { courseId: cohort.courseId };
}

async function benchExams(db: Db, cohortId: number) {
	const exams = await db
		.insertInto('exam')
		.values(
			['压测结业考试', '压测预热测验'].map((title) => ({
				cohortId,
				title,
				opensAt: new Date(Date.now() - 3600_000),
				closesAt: new Date(Date.now() + 24 * 3600_000),
				timeLimitMinutes: 120,
				attemptsAllowed: 1,
				rules: RULES
			}))
		)
		.returning('id')
		.execute();
	return { examId: exams[0].id, warmupId: exams[1].id };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** A status a client should retry: no answer at all (connection refused or cut, a timeout) or the proxy's "no instance answered". */
const retryable = (status: number) => status === 0 || status === 502 || status === 503 || status === 504;
const RETRIES = 6;

type Answer = { status: number; json: unknown; ms: number; tries: number };

function once(url: string, method: string, cookie: string, payload: string | undefined, retried = false): Promise<{ status: number; json: unknown }> {
	return new Promise((resolve) => {
		const req = http.request(
			url,
			{ method, agent, headers: { cookie, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('error', () => resolve({ status: 0, json: null }));
				res.on('end', () => {
					let json: unknown = null;
					try {
						json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
					} catch {
						/* not JSON */
					}
					resolve({ status: res.statusCode ?? 0, json });
				});
			}
		);
		req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
		req.on('error', (e: NodeJS.ErrnoException) => {
			// The server closed an idle keep-alive connection just as it was reused: resend at once,
			// as browsers do (Node's documented pattern); not counted as a retry.
			if (req.reusedSocket && e.code === 'ECONNRESET' && !retried) resolve(once(url, method, cookie, payload, true));
			else resolve({ status: 0, json: null });
		});
		if (payload) req.write(payload);
		req.end();
	});
}

/**
 * One request as the exam page sends it: when no instance answered (a crash, a restart, the
 * proxy's 502/503/504), the very same request is sent again after a short pause, up to RETRIES
 * times. That is safe because each exam write de-duplicates itself: a save carries its seq (the
 * same seq stores the same answer again, an older one is answered `stale`), a start resumes the
 * running attempt (one per person and exam, a unique index), and a submit of a submitted attempt
 * changes nothing and answers 409 — which after a retry means the first copy did submit. The
 * time of every try counts in the latency.
 */
async function request(url: string, method: string, cookie: string, body?: unknown): Promise<Answer> {
	const payload = body === undefined ? undefined : JSON.stringify(body);
	const started = performance.now();
	for (let tries = 1; ; tries++) {
		const r = await once(url, method, cookie, payload);
		if (!retryable(r.status) || tries > RETRIES) return { ...r, ms: performance.now() - started, tries };
		await sleep(100 * 2 ** Math.min(tries - 1, 4));
	}
}

class Phase {
	latencies: number[] = [];
	errors = 0;
	statuses = new Map<number, number>();
	/** requests that needed more than one try (each a crash or restart the client rode out) */
	retried = 0;
	record(r: { status: number; ms: number; tries?: number }, ok: boolean) {
		this.latencies.push(r.ms);
		if ((r.tries ?? 1) > 1) this.retried++;
		if (!ok) {
			this.errors++;
			this.statuses.set(r.status, (this.statuses.get(r.status) ?? 0) + 1);
		}
	}
	pct(p: number) {
		if (this.latencies.length === 0) return 0;
		const sorted = [...this.latencies].sort((a, b) => a - b);
		return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10;
	}
	summary(seconds: number) {
		return {
			requests: this.latencies.length,
			seconds: Math.round(seconds * 100) / 100,
			per_s: Math.round(this.latencies.length / seconds),
			errors: this.errors,
			retried: this.retried,
			error_statuses: Object.fromEntries(this.statuses),
			p50_ms: this.pct(50),
			p95_ms: this.pct(95),
			p99_ms: this.pct(99),
			max_ms: this.pct(100)
		};
	}
}

/** Fires `count` calls of `fn`, evenly spread over `seconds` (in ticks of 10 ms), and waits for all. */
async function spread(count: number, seconds: number, fn: (i: number) => Promise<void>) {
	const t0 = performance.now();
	const pending: Promise<void>[] = [];
	for (let i = 0; i < count; i++) {
		const due = t0 + (i * seconds * 1000) / count;
		const wait = due - performance.now();
		if (wait > 10) await sleep(wait);
		pending.push(fn(i));
	}
	await Promise.all(pending);
	return (performance.now() - t0) / 1000;
}

type Paper = { id: number; type: QuestionType; options: { i: number }[] }[];

function randomResponse(q: Paper[number], r: () => number): Given {
	if (q.type === 'single') return q.options[Math.floor(r() * q.options.length)].i;
	if (q.type === 'multiple') return q.options.filter(() => r() < 0.5).map((o) => o.i);
	if (q.type === 'true_false') return r() < 0.5;
	return r() < 0.5 ? '民主集中制' : `答案${Math.floor(r() * 100)}`;
}

export async function runExamBench(o: ExamBenchOptions) {
	const log = o.log ?? ((line: string) => console.error(line));
	const { url, db, learners } = o;
	const startWindowS = o.startWindowS ?? 10;
	const savesPerS = o.savesPerS ?? 400;
	const saveSeconds = o.saveSeconds ?? 60;
	const submitWindowS = o.submitWindowS ?? 30;
	if (!o.bank) await benchBank(db, o.cohortId);
	const { examId, warmupId } = await benchExams(db, o.cohortId);
	const random = prng(42);
	const meter = o.cpu ?? (() => () => ({}));

	// Warm-up on a second exam, not measured: a server that has just started compiles its
	// hot paths and opens its database connections during the first few hundred requests.
	const warm = o.warmup === false ? [] : learners.slice(0, Math.min(200, learners.length));
	if (warm.length) log(`[exam] warm-up: ${warm.length} learners start, save and submit a separate quiz`);
	await spread(warm.length, 4, async (i) => {
		const l = warm[i];
		const s = await request(`${url}/api/exams/${warmupId}/start`, 'POST', l.cookie);
		const body = s.json as { attemptId?: number; paper?: { questions: Paper } } | null;
		if (!body?.attemptId || !body.paper) return;
		for (const [k, q] of body.paper.questions.slice(0, 3).entries()) {
			await request(`${url}/api/exams/attempts/${body.attemptId}/answers/${q.id}`, 'PUT', l.cookie, { response: randomResponse(q, random), seq: k + 1 });
		}
		await request(`${url}/api/exams/attempts/${body.attemptId}`, 'GET', l.cookie);
		await request(`${url}/api/exams/attempts/${body.attemptId}/submit`, 'POST', l.cookie);
	});

	// Phase 1: start: POST …/start, which returns the new attempt's paper (what a client needs before the first answer).
	log(`[exam] ${learners.length} learners start exam ${examId} within ${startWindowS} s`);
	const start = new Phase();
	let cpu = meter();
	const attempts = new Map<number, { attemptId: number; paper: Paper; seq: number }>();
	o.onPhase?.('start', 'begin', startWindowS);
	const startSeconds = await spread(learners.length, startWindowS, async (i) => {
		const l = learners[i];
		const t0 = performance.now();
		const s = await request(`${url}/api/exams/${examId}/start`, 'POST', l.cookie);
		const body = s.json as { attemptId?: number; paper?: { questions: Paper } } | null;
		if (s.status !== 200 || !body?.attemptId) return start.record(s, false);
		const attemptId = body.attemptId;
		// A new attempt comes with its paper; a resumed one (a retry) is read like a reload.
		let questions = body.paper?.questions;
		let status = s.status;
		let tries = s.tries;
		if (!questions) {
			const p = await request(`${url}/api/exams/attempts/${attemptId}`, 'GET', l.cookie);
			status = p.status;
			tries += p.tries - 1;
			questions = (p.json as { questions?: Paper } | null)?.questions;
		}
		const ok = status === 200 && Array.isArray(questions);
		start.record({ status, ms: performance.now() - t0, tries }, ok);
		if (ok) attempts.set(l.id, { attemptId, paper: questions!, seq: 0 });
	});

	const startCpu = cpu();
	o.onPhase?.('start', 'end', startWindowS);

	// Phase 2: saves at a fixed rate, each to a random learner's random question.
	log(`[exam] ${savesPerS} saves/s for ${saveSeconds} s`);
	const save = new Phase();
	cpu = meter();
	const acknowledged = new Map<string, { seq: number; response: Given }>();
	const started = learners.filter((l) => attempts.has(l.id));
	o.onPhase?.('save', 'begin', saveSeconds);
	const saveSecondsTaken = await spread(savesPerS * saveSeconds, saveSeconds, async () => {
		const l = started[Math.floor(random() * started.length)];
		const a = attempts.get(l.id)!;
		const q = a.paper[Math.floor(random() * a.paper.length)];
		const response = randomResponse(q, random);
		const seq = ++a.seq;
		const r = await request(`${url}/api/exams/attempts/${a.attemptId}/answers/${q.id}`, 'PUT', l.cookie, { response, seq });
		const body = r.json as { savedAt?: string; stale?: boolean } | null;
		save.record(r, r.status === 200);
		// Only a stored answer counts as acknowledged; a stale one was superseded by design.
		if (r.status === 200 && body?.savedAt) {
			const key = `${a.attemptId}:${q.id}`;
			if ((acknowledged.get(key)?.seq ?? -1) < seq) acknowledged.set(key, { seq, response });
		}
	});

	const saveCpu = cpu();
	o.onPhase?.('save', 'end', saveSeconds);

	// Phase 3: everyone submits.
	log(`[exam] ${started.length} learners submit within ${submitWindowS} s`);
	const submit = new Phase();
	cpu = meter();
	const submitted = new Set<number>();
	let submitsConfirmedOnRetry = 0;
	o.onPhase?.('submit', 'begin', submitWindowS);
	const submitSeconds = await spread(started.length, submitWindowS, async (i) => {
		const l = started[i];
		const a = attempts.get(l.id)!;
		const r = await request(`${url}/api/exams/attempts/${a.attemptId}/submit`, 'POST', l.cookie);
		// Nobody else submits these attempts: a 409 to a resent submit says the first copy was
		// stored though its answer never came back (the instance died after the commit).
		const confirmed = r.status === 409 && r.tries > 1;
		if (confirmed) submitsConfirmedOnRetry++;
		submit.record(r, r.status === 200 || confirmed);
		if (r.status === 200 || confirmed) submitted.add(a.attemptId);
	});

	const submitCpu = cpu();
	o.onPhase?.('submit', 'end', submitWindowS);

	// Everything acknowledged must be in the database, exactly as acknowledged.
	const stored = await db
		.selectFrom('examAnswer as e')
		.innerJoin('examAttempt as a', 'a.id', 'e.attemptId')
		.select(['e.attemptId', 'e.questionId', 'e.response', 'e.seq', 'e.points'])
		.where('a.examId', '=', examId)
		.execute();
	const inDb = new Map(stored.map((s) => [`${s.attemptId}:${s.questionId}`, s]));
	let missingAnswers = 0;
	let ungradedAnswers = 0;
	for (const [key, ack] of acknowledged) {
		const row = inDb.get(key);
		// A higher seq in the database is a newer answer whose reply was lost: not missing.
		if (!row || row.seq < ack.seq || (row.seq === ack.seq && JSON.stringify(row.response) !== JSON.stringify(ack.response))) missingAnswers++;
		else if (submitted.has(row.attemptId) && row.points === null) ungradedAnswers++;
	}
	const rows = await db.selectFrom('examAttempt').select(['id', 'personId', 'status', 'score', 'paper']).where('examId', '=', examId).execute();
	const byId = new Map(rows.map((r) => [r.id, r]));
	let missingSubmissions = 0;
	for (const id of submitted) if (byId.get(id)?.status !== 'submitted' || byId.get(id)?.score === null) missingSubmissions++;
	// Every attempt the server acknowledged is there, once, with a whole paper of distinct questions.
	const attemptOf = new Map(rows.map((r) => [r.personId, r.id]));
	let lostAttempts = 0;
	for (const [personId, a] of attempts) if (attemptOf.get(personId) !== a.attemptId) lostAttempts++;
	const badPapers = rows.filter((r) => r.paper.length !== PAPER_LENGTH || new Set(r.paper.map((i) => i.q)).size !== PAPER_LENGTH).length;
	const duplicates = await sql<{ n: number }>`select count(*)::int as n from (select person_id from exam_attempt where exam_id = ${examId} group by person_id having count(*) > 1) d`.execute(db);

	const phases = { start: start.summary(startSeconds), save: save.summary(saveSecondsTaken), submit: submit.summary(submitSeconds) };
	return {
		learners: learners.length,
		started: attempts.size,
		submitted: submitted.size,
		submits_confirmed_on_retry: submitsConfirmedOnRetry,
		retried: start.retried + save.retried + submit.retried,
		errors: start.errors + save.errors + submit.errors,
		missing: missingAnswers + missingSubmissions,
		missing_answers: missingAnswers,
		missing_submissions: missingSubmissions,
		ungraded_answers: ungradedAnswers,
		duplicate_attempts: Number(duplicates.rows[0]?.n ?? 0),
		lost_attempts: lostAttempts,
		bad_papers: badPapers,
		acknowledged_answers: acknowledged.size,
		start_p95_ms: phases.start.p95_ms,
		save_p95_ms: phases.save.p95_ms,
		submit_p95_ms: phases.submit.p95_ms,
		phases,
		cpu: { start: startCpu, save: saveCpu, submit: submitCpu }
	};
}
