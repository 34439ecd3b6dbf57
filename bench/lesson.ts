// npm run bench:lesson — a signed-in learner's lesson page against a SvelteKit page of the
// same size that touches no database, in the same run; then heartbeat writes per second; then
// the learner's home page (after the beats, so it has a lesson to continue) against a no-database
// page of its own size.
// Prints one JSON object on its last line.
import { sql } from 'kysely';
import { startStack } from './lib/stack';
import { calibrateHost } from './lib/calibrate';
import { makeLearners } from './lib/learners';
import { load } from './lib/load';
import { cpuMeter } from './lib/cpu';
import { homeVariety } from './lib/home-variety';

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const stack = await startStack();
try {
	const [url] = stack.urls;
	// Before any load: how fast the machine is right now (bench/lib/calibrate.ts).
	const host = await calibrateHost(stack.adminUrl);
	const db = stack.db;
	const course = await db.selectFrom('course').select('id').where('code', '=', 'ACT').executeTakeFirstOrThrow();
	const school = await db.selectFrom('orgUnit').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow();
	const cohort = await db
		.insertInto('cohort')
		.values({ courseId: course.id, name: '压测培训班', orgUnitId: school.id, startsOn: '2026-01-01', endsOn: '2027-12-31', requiredHours: 16 })
		.returning('id')
		.executeTakeFirstOrThrow();
	const learners = await makeLearners(db, 500, { cohortId: cohort.id });
	const lesson = await db.selectFrom('lesson').select(['id', 'slug']).where('courseId', '=', course.id).orderBy('sortOrder').executeTakeFirstOrThrow();
	const lessonPath = `/courses/ACT/${lesson.slug}`;

	const page = await fetch(url + lessonPath, { headers: { cookie: learners[0].cookie } });
	if (page.status !== 200) throw new Error(`lesson page answered ${page.status}`);
	const bytes = (await page.arrayBuffer()).byteLength;
	// The baseline page serialises its data too; calibrate its size to the lesson page's.
	const sizeOf = async (n: number) => (await (await fetch(`${url}/bench/baseline?bytes=${n}`)).arrayBuffer()).byteLength;
	const probe = await sizeOf(bytes);
	const baselinePath = `/bench/baseline?bytes=${Math.round((bytes * bytes) / probe)}`;
	const baselineBytes = await sizeOf(Math.round((bytes * bytes) / probe));

	// Warm both paths, then measure them back to back.
	await load({ url: url + baselinePath, duration: 2 });
	await load({ url: url + lessonPath, duration: 2, headers: { cookie: learners[0].cookie } });
	const baseline = await load({ url: url + baselinePath, duration });
	// One prebuilt request per learner (autocannon cycles through them): the load generator then
	// spends no more CPU per request than on the baseline page, on the cores the server shares.
	const meter = cpuMeter(stack.pids);
	const lessonRun = await load({
		url: url + lessonPath,
		duration,
		requests: learners.map((l) => ({ method: 'GET' as const, path: lessonPath, headers: { cookie: l.cookie } }))
	});

	const lessonCpu = meter();

	// Heartbeats: every learner's tab beats with a rising sequence number.
	const seq = new Map<number, number>();
	let n = 0;
	const beatMeter = cpuMeter(stack.pids);
	const beats = await load({
		url: url + '/api/study/heartbeat',
		duration,
		requests: [
			{
				method: 'POST',
				setupRequest: (req) => {
					const learner = learners[n++ % learners.length];
					const s = (seq.get(learner.id) ?? 0) + 1;
					seq.set(learner.id, s);
					return {
						...req,
						headers: { ...req.headers, cookie: learner.cookie, 'content-type': 'application/json' },
						body: JSON.stringify({ lessonId: lesson.id, tab: `bench-${learner.id}`, seq: s, reachedEnd: false, video: [] })
					};
				}
			}
		]
	});
	const heartbeatCpu = beatMeter();

	// The learner's home page: cohort progress, the lesson to continue, the next 集中授课, exam and certificates.
	// Some learners cost the page more, and the bench has some of each: every 5th is also in a second
	// cohort whose exam requires lessons and 学时 (its readiness), every 10th has an open development
	// record with entries and a mentor (the engine's reading of its next step).
	const { withExam, withRecord } = await homeVariety(db, learners, course.id, school.id);
	await db
		.insertInto('session')
		.values({ cohortId: cohort.id, title: '压测集中授课', kind: 'lecture', place: '报告厅', creditHours: 2, checkinOpensMin: 15, lateAfterMin: 10, checkinClosesMin: 30, codeSeconds: 10, allowedNetworks: [], startsAt: new Date(Date.now() + 86400_000), endsAt: new Date(Date.now() + 86400_000 + 7200_000) })
		.execute();
	const homePage = await fetch(url + '/', { headers: { cookie: learners[0].cookie } });
	const homeText = await homePage.text();
	if (homePage.status !== 200 || !homeText.includes('继续学习')) throw new Error(`home page answered ${homePage.status}`);
	const homeBytes = new TextEncoder().encode(homeText).byteLength;
	const homeProbe = await sizeOf(homeBytes);
	const homeBaselinePath = `/bench/baseline?bytes=${Math.round((homeBytes * homeBytes) / homeProbe)}`;
	await load({ url: url + homeBaselinePath, duration: 2 });
	await load({ url: url + '/', duration: 2, headers: { cookie: learners[0].cookie } });
	const homeBaseline = await load({ url: url + homeBaselinePath, duration });
	const homeMeter = cpuMeter(stack.pids);
	const homeRun = await load({ url: url + '/', duration, requests: learners.map((l) => ({ method: 'GET' as const, path: '/', headers: { cookie: l.cookie } })) });
	const homeCpu = homeMeter();
	const stored = await sql<{ n: number }>`select count(*)::int as n from study_clock`.execute(db);

	const summary = {
		lesson_rps: lessonRun.rps,
		baseline_rps: baseline.rps,
		ratio: Number((lessonRun.rps / baseline.rps).toFixed(3)),
		p99_ms: lessonRun.p99,
		baseline_p99_ms: baseline.p99,
		lesson_bytes: bytes,
		baseline_bytes: baselineBytes,
		lesson_non2xx: lessonRun.non2xx + lessonRun.errors,
		heartbeats_per_s: beats.rps,
		heartbeat_p99_ms: beats.p99,
		heartbeat_non2xx: beats.non2xx + beats.errors,
		learners_with_clock: stored.rows[0].n,
		home_rps: homeRun.rps,
		home_baseline_rps: homeBaseline.rps,
		home_ratio: Number((homeRun.rps / homeBaseline.rps).toFixed(3)),
		home_p99_ms: homeRun.p99,
		home_baseline_p99_ms: homeBaseline.p99,
		home_bytes: homeBytes,
		home_non2xx: homeRun.non2xx + homeRun.errors,
		home_learners: learners.length,
		home_with_exam_requirements: withExam,
		home_with_development_record: withRecord,
		home_cpu: homeCpu,
		lesson_cpu: lessonCpu,
		heartbeat_cpu: heartbeatCpu,
		host,
		connections: 50,
		seconds: duration
	};
	console.error(`lesson ${summary.lesson_rps} req/s vs no-database page ${summary.baseline_rps} req/s (${Math.round(summary.ratio * 100)}%), p99 ${summary.p99_ms} ms; heartbeats ${summary.heartbeats_per_s}/s; home ${summary.home_rps} req/s vs ${summary.home_baseline_rps} (${Math.round(summary.home_ratio * 100)}%), p99 ${summary.home_p99_ms} ms`);
	console.log(JSON.stringify(summary));
} finally {
	await stack.stop();
}
