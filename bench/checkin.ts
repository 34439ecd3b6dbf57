// npm run bench:checkin — the lecture-hall burst: 1,500 signed-in learners check in to one
// session within 5 seconds (open loop: each "scans" at its own moment, whatever the server's
// latency), a tenth of them double-tapping. Afterwards the database must hold exactly one
// row per learner, and replayed/expired codes must have been refused.
// Prints one JSON object on its last line.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { sql } from 'kysely';
import { startStack } from './lib/stack';
import { makeLearners } from './lib/learners';
import { checkInSecret, codeWindow, currentCode, signCode } from '../src/lib/server/attendance/codes';

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 1500);
const BURST_MS = Number(process.env.BENCH_BURST_MS ?? 5000);
const DOUBLE_TAP_EVERY = 10;
const CODE_SECONDS = 10;

interface Reply {
	status: number;
	ms: number;
	body: { ok?: boolean; action?: string; reason?: string } | null;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function post(url: string, payload: unknown, cookie: string): Promise<Reply> {
	const body = JSON.stringify(payload);
	const started = performance.now();
	return new Promise((resolve) => {
		const req = http.request(
			url,
			{ method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie } },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					let parsed: Reply['body'] = null;
					try {
						parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
					} catch {
						/* not JSON: counted as an error below */
					}
					resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body: parsed });
				});
			}
		);
		req.on('error', () => resolve({ status: 0, ms: performance.now() - started, body: null }));
		req.end(body);
	});
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);
const round = (n: number) => Math.round(n * 10) / 10;
const device = () => `dx_device=${randomBytes(16).toString('base64url')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const stack = await startStack();
try {
	const [url] = stack.urls;
	const api = `${url}/api/checkin`;
	const db = stack.db;
	const course = await db.selectFrom('course').select('id').where('code', '=', 'ACT').executeTakeFirstOrThrow();
	const school = await db.selectFrom('orgUnit').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow();
	const cohort = await db
		.insertInto('cohort')
		.values({ courseId: course.id, name: '签到压测培训班', orgUnitId: school.id, startsOn: '2026-01-01', endsOn: '2027-12-31', requiredHours: 16 })
		.returning('id')
		.executeTakeFirstOrThrow();
	// One extra learner, kept out of the burst, tries the replays afterwards.
	const learners = await makeLearners(db, LEARNERS + 1, { cohortId: cohort.id, prefix: 'ci' });
	const outsider = learners.pop()!;
	const now = Date.now();
	const session = (title: string) =>
		db
			.insertInto('session')
			.values({
				cohortId: cohort.id, title, kind: 'lecture', startsAt: new Date(now + 5 * 60_000), endsAt: new Date(now + 125 * 60_000),
				creditHours: 2, checkinOpensMin: 15, lateAfterMin: 10, checkinClosesMin: 30, codeSeconds: CODE_SECONDS, allowedNetworks: []
			})
			.returning('id')
			.executeTakeFirstOrThrow();
	const warmup = await session('预热课程');
	const lecture = await session('压测课程：党的组织原则');
	// The server and the bench share the secret through app_setting (or CHECKIN_SECRET).
	const secret = await checkInSecret(db);
	const codeFor = (sessionId: number) => currentCode(secret, sessionId, CODE_SECONDS).code;

	// Warm the path (JIT, pools, caches) on another session, 200 learners.
	await Promise.all(learners.slice(0, 200).map((l) => post(api, { sessionId: warmup.id, code: codeFor(warmup.id) }, `${l.cookie}; ${device()}`)));

	// The burst: learner i scans at i × (BURST_MS / LEARNERS); every tenth taps twice at once.
	const devices = learners.map(() => device());
	const replies: Promise<Reply>[] = [];
	const step = BURST_MS / LEARNERS;
	const t0 = performance.now();
	for (let i = 0; i < learners.length; i++) {
		const wait = t0 + i * step - performance.now();
		if (wait > 1) await sleep(wait);
		const payload = { sessionId: lecture.id, code: codeFor(lecture.id) };
		const cookie = `${learners[i].cookie}; ${devices[i]}`;
		replies.push(post(api, payload, cookie));
		if (i % DOUBLE_TAP_EVERY === 0) replies.push(post(api, payload, cookie));
	}
	// Time to fire every scan (the 5 s of the lecture hall), then until the last answer.
	const sendMs = performance.now() - t0;
	const results = await Promise.all(replies);
	const burstMs = performance.now() - t0;

	// Replays after the burst, all of which must be refused:
	const w = codeWindow(Date.now(), CODE_SECONDS);
	const replayAttempts = [
		// a code photographed a minute ago and sent on
		post(api, { sessionId: lecture.id, code: signCode(secret, lecture.id, w - 6) }, `${outsider.cookie}; ${device()}`),
		// the warm-up session's current code used for the lecture
		post(api, { sessionId: lecture.id, code: codeFor(warmup.id) }, `${outsider.cookie}; ${device()}`),
		// a valid code, but on the phone of someone who already checked in
		post(api, { sessionId: lecture.id, code: codeFor(lecture.id) }, `${outsider.cookie}; ${devices[0]}`)
	];
	const replays = await Promise.all(replayAttempts);
	const replaysRefused = replays.filter((r) => r.status === 409 && r.body?.ok === false).length;

	const counts = await sql<{ rows: number; people: number; outsider: number }>`
		select count(*)::int as rows, count(distinct person_id)::int as people,
			count(*) filter (where person_id = ${outsider.id})::int as outsider
		from attendance where session_id = ${lecture.id}`.execute(db);
	const { rows, people, outsider: outsiderRows } = counts.rows[0];

	const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
	const checkedIn = results.filter((r) => r.status === 200 && r.body?.action === 'in').length;
	const already = results.filter((r) => r.status === 200 && r.body?.action === 'already').length;
	const errors = results.filter((r) => r.status !== 200 || r.body?.ok !== true).length;
	const summary = {
		checkins: rows,
		learners: LEARNERS,
		errors,
		duplicates: rows - people + outsiderRows,
		double_taps: results.length - LEARNERS,
		double_taps_absorbed: already,
		accepted_in: checkedIn,
		replays_refused: replaysRefused,
		replays_tried: replays.length,
		replay_reasons: replays.map((r) => r.body?.reason ?? String(r.status)),
		p50_ms: round(percentile(latencies, 50)),
		p99_ms: round(percentile(latencies, 99)),
		max_ms: round(latencies.at(-1) ?? 0),
		send_ms: Math.round(sendMs),
		burst_ms: Math.round(burstMs),
		requests: results.length,
		rps: Math.round(results.length / (burstMs / 1000))
	};
	const ok = rows === LEARNERS && people === LEARNERS && errors === 0 && summary.duplicates === 0 && replaysRefused === replays.length && sendMs <= BURST_MS + 1000;
	console.error(
		`[bench] ${rows}/${LEARNERS} check-ins fired over ${summary.send_ms} ms, answered by ${summary.burst_ms} ms (${summary.rps} req/s incl. ${summary.double_taps} double taps), ` +
			`p50 ${summary.p50_ms} ms, p99 ${summary.p99_ms} ms, errors ${errors}, duplicates ${summary.duplicates}, replays refused ${replaysRefused}/${replays.length}${ok ? '' : ' — FAILED'}`
	);
	console.log(JSON.stringify({ ...summary, ok }));
	if (!ok) process.exitCode = 1;
} finally {
	agent.destroy();
	await stack.stop();
}
