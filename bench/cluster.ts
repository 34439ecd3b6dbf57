// npm run bench:cluster — several instances of scripts/serve.js (BENCH_INSTANCES, default 3)
// behind Debian's nginx with deploy/nginx.conf, on one PostgreSQL 15, playing the exam day of
// bench:exam (BENCH_LEARNERS, default 1,000, start within BENCH_START_SECONDS = 10, saves at
// BENCH_SAVES_PER_S = learners/5 for BENCH_SAVE_SECONDS = 30, submit within BENCH_SUBMIT_SECONDS
// = 15) while instances crash: in each phase named in BENCH_KILLS (default start,save,submit)
// one instance, a different one each time, gets SIGKILL 30 % into the phase and is started
// again at once. Afterwards the database must hold every write a client got a 2xx for (each
// answer as acknowledged, each submission graded) and no learner two attempts.
//
// Who resends what: nginx (deploy/nginx.conf, `proxy_next_upstream error timeout http_502`)
// passes a request to another instance only when the one it chose failed before answering, and
// a POST only if it never reached that instance — a POST it had sent may have been acted on, so
// nginx answers 502 instead; PUT (an answer save) and GET count as idempotent for nginx and are
// passed on. This bench keeps that configuration as deployed rather than marking exam POSTs
// `non_idempotent`: the client (bench/exam-core.ts; the exam page resends an unsaved answer by
// itself, and a learner whose 交卷 failed presses it again) resends the same request on
// 502/503/504 or a lost connection, which is safe because every exam write
// de-duplicates itself (seq per answer, one running attempt per person, a submit only once), and a
// retry the client makes covers the case nginx cannot see — the instance died after its commit.
//
// Prints per instance the requests it answered per phase (from nginx's access log), the CPU split
// (each instance, PostgreSQL, nginx, this load generator, the rest of the machine) and one JSON
// object on its last line with the host line (bench/lib/calibrate.ts; BENCH_HOST=0 leaves it out
// for a quick try).
import { startStack } from './lib/stack';
import { startNginx, type Logged } from './lib/nginx';
import { liveCpuMeter } from './lib/cpu-live';
import { calibrateHost } from './lib/calibrate';
import { makeLearners } from './lib/learners';
import { benchBank, runExamBench } from './exam-core';
import { freePort } from '../src/lib/server/db/throwaway-postgres';

type PhaseName = 'start' | 'save' | 'submit';
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 3);
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 1000);
const START_WINDOW_S = Number(process.env.BENCH_START_SECONDS ?? 10);
const SAVE_SECONDS = Number(process.env.BENCH_SAVE_SECONDS ?? 30);
const SAVES_PER_S = Number(process.env.BENCH_SAVES_PER_S ?? Math.round(LEARNERS / 5));
const SUBMIT_WINDOW_S = Number(process.env.BENCH_SUBMIT_SECONDS ?? 15);
const KILLS = (process.env.BENCH_KILLS ?? 'start,save,submit').split(',').filter(Boolean) as PhaseName[];
const KILL_AT = 0.3;
if (INSTANCES < 2) throw new Error('BENCH_INSTANCES must be at least 2: one instance is killed while the others serve');

const frontPort = await freePort();
const front = `http://127.0.0.1:${frontPort}`;
// As the README starts each instance behind the proxy: ORIGIN is the proxy's address, and the
// client address is the last X-Forwarded-For entry, the one nginx added ($proxy_add_x_forwarded_for).
const stack = await startStack({ instances: INSTANCES, env: { ORIGIN: front, ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' } });
const ports = stack.urls.map((u) => Number(new URL(u).port));
let proxy: Awaited<ReturnType<typeof startNginx>> | undefined;
try {
	proxy = await startNginx(ports, { port: frontPort });
	const host = process.env.BENCH_HOST === '0' ? null : await calibrateHost(stack.adminUrl);
	const db = stack.db;
	const course = await db.selectFrom('course').select('id').where('code', '=', 'ACT').executeTakeFirstOrThrow();
	const school = await db.selectFrom('orgUnit').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow();
	const cohort = await db
		.insertInto('cohort')
		.values({ courseId: course.id, name: '压测集群考试培训班', orgUnitId: school.id, startsOn: '2026-01-01', endsOn: '2027-12-31', requiredHours: 16 })
		.returning('id')
		.executeTakeFirstOrThrow();
	console.error(`[cluster] ${INSTANCES} instances on ports ${ports.join(', ')} behind nginx on ${front}; making ${LEARNERS} signed-in learners`);
	const learners = await makeLearners(db, LEARNERS, { cohortId: cohort.id, prefix: 'cluster' });
	const bank = await benchBank(db, cohort.id);

	// Each instance is a group of its own (its new process joins after a restart).
	const groups = () => ({
		...Object.fromEntries(stack.pids.map((pid, i) => [`instance${i}`, [pid]])),
		postgres: stack.postgresPid ? [stack.postgresPid] : [],
		nginx: proxy!.pids(),
		bench: [process.pid]
	});
	const cpu = () => {
		const stop = liveCpuMeter(groups, { alone: ['bench'] });
		return () => {
			const r = stop();
			const instances = Array.from({ length: INSTANCES }, (_, i) => r[`instance${i}_cores`] ?? 0);
			return {
				server_cores: Math.round(instances.reduce((a, b) => a + b, 0) * 100) / 100,
				instance_cores: instances,
				postgres_cores: r.postgres_cores,
				nginx_cores: r.nginx_cores,
				bench_cores: r.bench_cores,
				other_cores: r.other_cores
			};
		};
	};

	// The crashes: one per phase named in BENCH_KILLS, each on the next instance.
	const windows: Partial<Record<PhaseName, { from: number; to: number }>> = {};
	const kills: { phase: PhaseName; instance: number; at_s: number; back_after_ms: number; from: number; to: number }[] = [];
	const crashes: Promise<void>[] = [];
	let crashFailed: unknown;
	const onPhase = (phase: PhaseName, event: 'begin' | 'end', planned: number) => {
		if (event === 'end') return void (windows[phase]!.to = Date.now());
		windows[phase] = { from: Date.now(), to: Date.now() };
		if (!KILLS.includes(phase)) return;
		const instance = crashes.length % INSTANCES;
		const previous = crashes.at(-1) ?? Promise.resolve();
		crashes.push(
			// caught here and thrown after the run: a rejection left waiting would end the process before the clean-up
			(async () => {
				await new Promise((r) => setTimeout(r, planned * KILL_AT * 1000));
				await previous; // one instance down at a time
				const at = Date.now();
				console.error(`[cluster] SIGKILL instance ${instance} (port ${ports[instance]}) in the ${phase} phase`);
				await stack.kill(instance);
				await stack.restart(instance);
				kills.push({ phase, instance, at_s: Math.round((at - windows[phase]!.from) / 100) / 10, back_after_ms: Date.now() - at, from: at, to: Date.now() });
				console.error(`[cluster] instance ${instance} healthy again after ${Date.now() - at} ms`);
			})().catch((e) => void (crashFailed ??= e))
		);
	};

	const summary = await runExamBench({
		url: proxy.url, db, cohortId: cohort.id, bank, learners, cpu, onPhase,
		startWindowS: START_WINDOW_S, savesPerS: SAVES_PER_S, saveSeconds: SAVE_SECONDS, submitWindowS: SUBMIT_WINDOW_S
	});
	await Promise.all(crashes);
	if (crashFailed) throw crashFailed;
	const log = await proxy.stop();

	// Who answered what: the last instance nginx tried for each request, per phase.
	const answeredBy = (l: Logged) => ports.findIndex((p) => l.upstreams.at(-1) === `127.0.0.1:${p}`);
	const perInstance = ports.map((port, i) => {
		const byPhase: Record<string, { requests: number; per_s: number }> = {};
		for (const [phase, w] of Object.entries(windows)) {
			const n = log.filter((l) => l.at >= w.from && l.at <= w.to && answeredBy(l) === i).length;
			byPhase[phase] = { requests: n, per_s: Math.round(n / Math.max(0.001, (w.to - w.from) / 1000)) };
		}
		return { instance: i, port, requests: log.filter((l) => answeredBy(l) === i).length, ...byPhase };
	});
	const inRun = log.filter((l) => l.at >= windows.start!.from);
	const proxyFigures = {
		requests: inRun.length,
		passed_to_another_instance: inRun.filter((l) => l.upstreams.length > 1).length,
		answered_502: inRun.filter((l) => l.status === 502).length,
		answered_504: inRun.filter((l) => l.status === 504).length
	};

	// Per 1,000 takers, each phase as this run paced it (the inputs of the README's capacity table).
	// The app's cost of a request is read from the instances that ran the whole phase through
	// (neither down nor starting again: a restart's start-up is not a request's cost), then
	// applied to every request the phase had; PostgreSQL's and nginx's from the phase as a whole.
	const per1000 = Object.fromEntries(
		(['start', 'save', 'submit'] as const).map((phase) => {
			const w = windows[phase]!;
			const seconds = (w.to - w.from) / 1000;
			const c = summary.cpu[phase] as ReturnType<ReturnType<typeof cpu>>;
			const inWindow = log.filter((l) => l.at >= w.from && l.at <= w.to);
			const steady = ports.map((_, i) => i).filter((i) => !kills.some((k) => k.instance === i && k.from <= w.to && k.to >= w.from));
			const steadyRequests = inWindow.filter((l) => steady.includes(answeredBy(l))).length;
			const steadyCores = steady.reduce((t, i) => t + c.instance_cores[i], 0);
			const appMsPerRequest = steadyRequests ? (steadyCores * seconds * 1000) / steadyRequests : NaN;
			const rate = inWindow.length / seconds / (LEARNERS / 1000); // proxied requests per second per 1,000 takers
			const r = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
			return [phase, {
				requests_per_s: r(rate, 1),
				app_cpu_ms_per_request: r(appMsPerRequest),
				postgres_cpu_ms_per_request: r((c.postgres_cores * seconds * 1000) / inWindow.length),
				nginx_cpu_ms_per_request: r((c.nginx_cores * seconds * 1000) / inWindow.length),
				app_cores: r((appMsPerRequest * rate) / 1000),
				postgres_cores: r((c.postgres_cores * seconds * 1000 / inWindow.length) * rate / 1000),
				nginx_cores: r((c.nginx_cores * seconds * 1000 / inWindow.length) * rate / 1000),
				steady_instances: steady
			}];
		})
	);

	const lost = summary.missing_answers + summary.missing_submissions + summary.lost_attempts;
	const result = {
		instances: INSTANCES,
		learners: LEARNERS,
		started: summary.started,
		submitted: summary.submitted,
		acknowledged_answers: summary.acknowledged_answers,
		acknowledged_writes_lost: lost,
		missing_answers: summary.missing_answers,
		missing_submissions: summary.missing_submissions,
		lost_attempts: summary.lost_attempts,
		duplicate_attempts: summary.duplicate_attempts,
		bad_papers: summary.bad_papers,
		ungraded_answers: summary.ungraded_answers,
		errors: summary.errors,
		retried: summary.retried,
		submits_confirmed_on_retry: summary.submits_confirmed_on_retry,
		kills: kills.map(({ from, to, ...k }) => k),
		ok: lost === 0 && summary.duplicate_attempts === 0 && summary.bad_papers === 0 && summary.ungraded_answers === 0 && kills.length === KILLS.length,
		start_p95_ms: summary.start_p95_ms,
		save_p95_ms: summary.save_p95_ms,
		submit_p95_ms: summary.submit_p95_ms,
		per_instance: perInstance,
		proxy: proxyFigures,
		per_1000_learners: per1000,
		phases: summary.phases,
		cpu: summary.cpu,
		host
	};
	console.error(
		`[cluster] ${INSTANCES} instances, ${LEARNERS} learners, ${kills.length} crashes: acknowledged writes lost ${lost}, duplicate attempts ${summary.duplicate_attempts}, ` +
			`errors ${summary.errors} (retried ${summary.retried}); p95 start ${summary.start_p95_ms} / save ${summary.save_p95_ms} / submit ${summary.submit_p95_ms} ms`
	);
	for (const p of perInstance) console.error(`[cluster] instance ${p.instance} (:${p.port}): ${(['start', 'save', 'submit'] as const).map((ph) => `${ph} ${(p as unknown as Record<string, { per_s: number }>)[ph]?.per_s ?? 0}/s`).join(', ')}`);
	if (host) console.error(`[cluster] host: pgbench ${host.pgbench_select_tps} tps (${host.pgbench_vs_stack_md}× stack.md), JS loop ${host.js_loop_ms} ms`);
	console.log(JSON.stringify(result));
} finally {
	await proxy?.stop();
	await stack.stop();
}
