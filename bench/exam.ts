// npm run bench:exam — the exam-day peak on the production build and PostgreSQL: LEARNERS
// (default 20,000) learners start one exam within 10 s, save answers at LEARNERS/5 per second
// (4,000/s) for 60 s, then all submit within 30 s; afterwards every acknowledged attempt,
// answer and submission is checked in the database.
//
// Before that run, the same day is played at smaller sizes (BENCH_STEPS, default 2,000, 5,000,
// 10,000), each on an exam of its own, until one misses a target: `max_learners_meeting_targets`
// is the largest size that met them all, and `cpu` per phase says which process took the cores
// (server, PostgreSQL, this load generator, everything else on the machine) — the ceiling and its
// cause. BENCH_STEPS=none runs LEARNERS only; BENCH_SAVES_PER_S and BENCH_SAVE_SECONDS override the
// save phase for a quick try. Prints one JSON object on its last line.
import { startStack } from './lib/stack';
import { makeLearners } from './lib/learners';
import { cpuMeter } from './lib/cpu';
import { benchBank, runExamBench } from './exam-core';

const TARGETS = { start_p95_ms: 500, save_p95_ms: 100, submit_p95_ms: 500 };
const START_WINDOW_S = 10;
const SUBMIT_WINDOW_S = 30;

const learnersWanted = Number(process.env.LEARNERS ?? process.env.BENCH_LEARNERS ?? 20_000);
const saveSeconds = Number(process.env.BENCH_SAVE_SECONDS ?? 60);
const savesPerS = (n: number) => Number(process.env.BENCH_SAVES_PER_S ?? Math.round(n / 5));
const steps =
	process.env.BENCH_STEPS === 'none'
		? []
		: (process.env.BENCH_STEPS ?? '2000,5000,10000').split(',').map(Number).filter((n) => n > 0 && n < learnersWanted).sort((a, b) => a - b);

type Summary = Awaited<ReturnType<typeof runExamBench>>;

/** Every target of the issue, each as a yes/no, so a failed step says which one failed. */
function judge(s: Summary, wantedSavesPerS: number) {
	const { phases } = s;
	const checks = {
		all_started: s.started === s.learners,
		all_submitted: s.submitted === s.started,
		no_errors: s.errors === 0,
		nothing_missing: s.missing === 0 && s.ungraded_answers === 0 && s.lost_attempts === 0 && s.bad_papers === 0,
		no_duplicate_attempts: s.duplicate_attempts === 0,
		// open loop: the last answer of a phase may come after its window by at most a p95's worth
		starts_within_window: phases.start.seconds <= START_WINDOW_S + TARGETS.start_p95_ms / 1000,
		saves_at_rate: phases.save.requests / phases.save.seconds >= 0.95 * wantedSavesPerS,
		submits_within_window: phases.submit.seconds <= SUBMIT_WINDOW_S + TARGETS.submit_p95_ms / 1000,
		start_p95: phases.start.p95_ms < TARGETS.start_p95_ms,
		save_p95: phases.save.p95_ms < TARGETS.save_p95_ms,
		submit_p95: phases.submit.p95_ms < TARGETS.submit_p95_ms
	};
	const failed = Object.entries(checks).filter(([, ok]) => !ok).map(([k]) => k);
	return { met: failed.length === 0, failed };
}

const stack = await startStack();
try {
	const [url] = stack.urls;
	const db = stack.db;
	const course = await db.selectFrom('course').select('id').where('code', '=', 'ACT').executeTakeFirstOrThrow();
	const school = await db.selectFrom('orgUnit').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow();
	const cohort = await db
		.insertInto('cohort')
		.values({ courseId: course.id, name: '压测考试培训班', orgUnitId: school.id, startsOn: '2026-01-01', endsOn: '2027-12-31', requiredHours: 16 })
		.returning('id')
		.executeTakeFirstOrThrow();
	console.error(`[exam] making ${learnersWanted} signed-in learners`);
	const learners = await makeLearners(db, learnersWanted, { cohortId: cohort.id, prefix: 'exam' });
	const bank = await benchBank(db, cohort.id);
	const cpu = () => cpuMeter(stack.pids, { postgresPid: stack.postgresPid });

	const run = async (n: number, first: boolean) => {
		const wanted = savesPerS(n);
		console.error(`[exam] —— ${n} learners, ${wanted} saves/s ——`);
		const summary = await runExamBench({
			url, db, cohortId: cohort.id, bank, cpu, warmup: first,
			// each step's learners have no attempt at its exam yet: a fresh exam per step
			learners: learners.slice(0, n),
			startWindowS: START_WINDOW_S, submitWindowS: SUBMIT_WINDOW_S, savesPerS: wanted, saveSeconds
		});
		const verdict = judge(summary, wanted);
		const { phases } = summary;
		console.error(
			`[exam] ${n}: start p95 ${phases.start.p95_ms} ms, save p95 ${phases.save.p95_ms} ms (${phases.save.per_s}/s), submit p95 ${phases.submit.p95_ms} ms; ` +
				`errors ${summary.errors}, missing ${summary.missing}; ${verdict.met ? 'targets met' : `missed: ${verdict.failed.join(', ')}`}`
		);
		console.error(`[exam] ${n}: cpu ${JSON.stringify(summary.cpu)}`);
		return { summary, verdict };
	};

	// The smaller sizes first, up to the first that misses a target; then LEARNERS.
	const stepped: (ReturnType<typeof judge> & { learners: number; errors: Record<string, Record<number, number>>; start_p95_ms: number; save_p95_ms: number; submit_p95_ms: number; saves_per_s: number; cpu: Summary['cpu'] })[] = [];
	const record = (n: number, r: Awaited<ReturnType<typeof run>>) =>
		stepped.push({
			learners: n,
			...r.verdict,
			errors: { start: r.summary.phases.start.error_statuses, save: r.summary.phases.save.error_statuses, submit: r.summary.phases.submit.error_statuses },
			start_p95_ms: r.summary.start_p95_ms, save_p95_ms: r.summary.save_p95_ms, submit_p95_ms: r.summary.submit_p95_ms, saves_per_s: r.summary.phases.save.per_s, cpu: r.summary.cpu });
	for (const n of steps) {
		const r = await run(n, stepped.length === 0);
		record(n, r);
		if (!r.verdict.met) break;
	}
	const main = await run(learnersWanted, stepped.length === 0);
	record(learnersWanted, main);
	// the largest size that met every target with every smaller step met too
	let max = 0;
	for (const s of stepped) {
		if (!s.met) break;
		max = s.learners;
	}
	console.log(
		JSON.stringify({
			...main.summary,
			targets: TARGETS,
			targets_met: main.verdict.met,
			targets_missed: main.verdict.failed,
			max_learners_meeting_targets: max,
			steps: stepped
		})
	);
} finally {
	await stack.stop();
}
