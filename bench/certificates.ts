// npm run bench:certificates — issues 1,000 certificates for one cohort (the batch function the
// cohort page calls, run against the stack's PostgreSQL), then loads the public verification
// page at 50 connections with varying codes. Prints one JSON object on its last line.
//
// The verification page is rate-limited per client address in the database (default 60 hits a
// minute). The server runs here with ADDRESS_HEADER=x-forwarded-for, as behind a reverse proxy,
// and each request carries one of 5,000 client addresses: the limiter stays ON and is measured,
// while no single address passes its limit. (Alternatively raise the setting
// certificates.verify_limit_per_minute, e.g. on /completion/settings.)
import { sql } from 'kysely';
import { startStack } from './lib/stack';
import { calibrateHost } from './lib/calibrate';
import { load } from './lib/load';
import { cpuMeter } from './lib/cpu';
import { issueCertificates } from '../src/lib/server/certificates/issue';

const COUNT = Number(process.env.BENCH_CERTIFICATES ?? 1000);
const CHUNK = Number(process.env.BENCH_CHUNK ?? 100);
const duration = Number(process.env.BENCH_SECONDS ?? 10);

const stack = await startStack({ env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });
try {
	const [url] = stack.urls;
	// Before any load: how fast the machine is right now (bench/lib/calibrate.ts).
	const host = await calibrateHost(stack.adminUrl);
	const db = stack.db;
	const course = await db.selectFrom('course').select('id').where('code', '=', 'ACT').executeTakeFirstOrThrow();
	const school = await db.selectFrom('orgUnit').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow();
	const branch = await db.selectFrom('orgUnit').select('id').where('kind', '=', 'branch').orderBy('id').executeTakeFirstOrThrow();
	const admin = await db.selectFrom('person').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
	const lessons = await db
		.selectFrom('lesson as l')
		.innerJoin('lessonVersion as v', 'v.id', 'l.publishedVersionId')
		.select(['l.id', 'v.creditHours'])
		.where('l.courseId', '=', course.id)
		.execute();
	const { id: cohortId } = await db
		.insertInto('cohort')
		.values({ courseId: course.id, name: '第99期入党积极分子培训班（压测）', orgUnitId: school.id, startsOn: '2026-09-01', endsOn: '2026-10-31', requiredHours: 16, status: 'closed' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db.insertInto('completionRule').values({ cohortId, requireLessons: true, minOnlineHours: 16 }).execute();

	// 1,000 learners who studied every lesson: the rule is evaluated for real, not skipped.
	const names = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
	for (let i = 0; i < COUNT; i += 500) {
		const people = await db
			.insertInto('person')
			.values(
				Array.from({ length: Math.min(500, COUNT - i) }, (_, k) => ({
					username: `cert${String(i + k).padStart(5, '0')}`,
					name: `${names[(i + k) % names.length]}${names[(i + k * 7) % names.length]}${['伟', '芳', '敏', '静', '磊'][(i + k) % 5]}`,
					gender: 'male' as const,
					orgUnitId: branch.id,
					politicalStatus: 'activist' as const
				}))
			)
			.returning('id')
			.execute();
		await db.insertInto('enrollment').values(people.map((p) => ({ cohortId, personId: p.id }))).execute();
		await db
			.insertInto('lessonProgress')
			.values(people.flatMap((p) => lessons.map((l) => ({ personId: p.id, lessonId: l.id, secondsCredited: Math.round(Number(l.creditHours) * 2700), reachedEnd: true, completedAt: new Date('2026-10-01T02:00:00Z') }))))
			.execute();
	}

	// Fresh tables have no statistics yet (autovacuum has not run): without them PostgreSQL
	// picks nested loops that make the progress query 40× slower than on a settled database.
	await sql`analyze`.execute(db);

	// Issue as the cohort page does: chunk after chunk until none remain.
	const started = performance.now();
	let issued = 0;
	for (;;) {
		const r = await issueCertificates(db, { cohortId, actorId: admin.id, origin: url, limit: CHUNK });
		issued += r.issued.length;
		if (r.remaining === 0 || r.issued.length === 0) break;
	}
	const seconds = (performance.now() - started) / 1000;
	const stats = await sql<{ n: number; bytes: number; missing: number; serials: number }>`
		select count(*)::int as n, avg(pdf_size)::float8 as bytes, count(*) filter (where pdf is null)::int as missing,
			count(distinct serial)::int as serials
		from certificate where cohort_id = ${cohortId}`.execute(db);
	const { n, bytes, missing, serials } = stats.rows[0];
	if (n !== COUNT || missing !== 0 || serials !== COUNT) throw new Error(`expected ${COUNT} stored certificates with distinct serials, got ${n} (${missing} without PDF, ${serials} serials)`);

	const codes = (await db.selectFrom('certificate').select('verifyCode').where('cohortId', '=', cohortId).execute()).map((c) => c.verifyCode);
	const probe = await fetch(`${url}/verify/${codes[0]}`, { headers: { 'x-forwarded-for': '10.9.9.9' } });
	if (probe.status !== 200 || !(await probe.text()).includes('该证书真实有效')) throw new Error(`verification page answered ${probe.status}`);

	let i = 0;
	const client = (k: number) => `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`;
	const request = () => ({
		requests: [
			{
				setupRequest: (req: { path?: string; headers?: Record<string, string> }) => {
					const k = i++;
					return { ...req, path: `/verify/${codes[k % codes.length]}`, headers: { ...req.headers, 'x-forwarded-for': client(k % 5000) } };
				}
			}
		]
	});
	// A SvelteKit page of the same size that touches no database, measured in the same run: on a
	// busy machine it tells how fast the machine is. (scripts/serve.js answers the verification
	// page before SvelteKit, src/lib/server/certificates/verify-route.ts; under BENCH_SERVE=build
	// SvelteKit's page answers it, and the two lines measure the same machinery.)
	const pageBytes = (await (await fetch(`${url}/verify/${codes[1]}`, { headers: { 'x-forwarded-for': '10.9.9.8' } })).arrayBuffer()).byteLength;
	const baselinePath = `/bench/baseline?bytes=${pageBytes}`;
	await load({ url: url + baselinePath, duration: 2 });
	const baseline = await load({ url: url + baselinePath, duration });
	await load({ url, duration: 2, ...request() });
	const meter = cpuMeter(stack.pids);
	const verify = await load({ url, duration, ...request() });
	const verifyCpu = meter();

	const summary = {
		certificates: n,
		certs_per_s: Math.round((issued / seconds) * 10) / 10,
		mean_pdf_kb: Math.round((bytes / 1024) * 10) / 10,
		verify_p99_ms: verify.p99,
		issue_seconds: Math.round(seconds * 10) / 10,
		chunk: CHUNK,
		verify_rps: verify.rps,
		verify_non2xx: verify.non2xx + verify.errors,
		verify_requests: verify.requests,
		baseline_rps: baseline.rps,
		baseline_p99_ms: baseline.p99,
		verify_cpu: verifyCpu,
		host,
		connections: 50,
		seconds: duration
	};
	console.error(`${n} certificates in ${summary.issue_seconds} s (${summary.certs_per_s}/s), mean ${summary.mean_pdf_kb} KB; verify ${verify.rps} req/s, p99 ${verify.p99} ms`);
	console.log(JSON.stringify(summary));
} finally {
	await stack.stop();
}
