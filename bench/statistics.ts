// npm run bench:stats — the annual development statistics (reports/statistics.ts) at school scale on
// PostgreSQL 15: 100,000 (BENCH_PEOPLE) generated people with varied registry fields and records
// whose steps span three years (histories/variety.ts), then the year's tables for the whole school
// (every total and breakdown in one grouped statement) and for one college. Needs no build: it
// measures the server code against the database directly. Prints one JSON object on its last line.
import { execFileSync } from 'node:child_process';
import postgres from 'postgres';
import { sql } from 'kysely';
import { openPostgres } from '../src/lib/server/db/engine';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { insertOrgUnit } from '../src/lib/server/org/units';
import { todayInShanghai } from '../src/lib/server/development/engine/dates';
import { writeHistories, type HistoryTarget } from '../src/lib/server/development/histories/store';
import { varietyPerson } from '../src/lib/server/development/histories/variety';
import { developmentStatistics } from '../src/lib/server/development/reports/statistics';
import { calibrateHost } from './lib/calibrate';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const COLLEGES = 10;
const BRANCHES_PER_COLLEGE = 5;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function startPostgres() {
	if (process.env.BENCH_DATABASE_URL) return { adminUrl: process.env.BENCH_DATABASE_URL, stop() {} };
	const out = execFileSync('bash', ['-c', 'PGPORT=${PGPORT:-55497} source .ci/postgres.sh start >/dev/null && echo "$PG_URL $PG_TMP"'], { encoding: 'utf8' });
	const [adminUrl, dir] = out.trim().split(' ');
	return { adminUrl, stop: () => execFileSync('bash', ['.ci/postgres.sh', 'stop', dir]) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

const pg = startPostgres();
const name = `dx_bench_stats_${process.pid}`;
const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${name}`);
await admin.unsafe(`create database ${name}`);
const url = new URL(pg.adminUrl);
url.pathname = `/${name}`;
process.env.DB_QUEUE_TIMEOUT ??= '0';
const opened = openPostgres(url.toString(), 10);
const db = opened.db;
try {
	// Before any load: how fast the machine is right now (bench/lib/calibrate.ts).
	const host = await calibrateHost(pg.adminUrl);
	await migrateToLatest(db);
	const today = todayInShanghai();

	const school = await insertOrgUnit(db, { parentId: null, kind: 'committee', name: '压测大学党委', code: 'S-SCHOOL' });
	const colleges: { id: number; path: string }[] = [];
	const branches: number[] = [];
	for (let c = 0; c < COLLEGES; c++) {
		const college = await insertOrgUnit(db, { parentId: school.id, kind: c % 3 === 2 ? 'general_branch' : 'committee', name: `学院${c + 1}`, code: `S-C${c}` });
		colleges.push(college);
		for (let b = 0; b < BRANCHES_PER_COLLEGE; b++) branches.push((await insertOrgUnit(db, { parentId: college.id, kind: 'branch', name: `学院${c + 1}第${b + 1}支部`, code: `S-C${c}-${b}` })).id);
	}

	const started = process.hrtime.bigint();
	let entries = 0;
	// A slice at a time, so the generated histories are never all held at once.
	for (let from = 0; from < PEOPLE; from += 5000) {
		const people = Array.from({ length: Math.min(5000, PEOPLE - from) }, (_, k) => ({ i: from + k, v: varietyPerson(from + k, today) }));
		const ids = await db
			.insertInto('person')
			.values(people.map(({ i, v }) => ({ username: `s${String(i).padStart(6, '0')}`, name: `压测学员${i}`, gender: v.gender, ethnicity: v.ethnicity, education: v.education, grade: v.grade, orgUnitId: branches[i % branches.length] })))
			.returning('id')
			.execute();
		const targets: HistoryTarget[] = people.map(({ i, v }, k) => ({ personId: ids[k].id, name: `压测学员${i}`, history: v.history }));
		entries += (await writeHistories(db, targets, { recordedBy: null, cohorts: {}, issuingBody: '压测大学党校', serialPrefix: 'SB' })).entries;
	}
	await sql`analyze`.execute(db);
	console.error(`[bench] generated ${PEOPLE} people, ${entries} entries in ${Math.round(ms(started))} ms`);

	const year = Number(today.slice(0, 4));
	const schoolRuns: number[] = [];
	const collegeRuns: number[] = [];
	let counted = 0;
	for (let run = 0; run < RUNS; run++) {
		let t0 = process.hrtime.bigint();
		const stats = await developmentStatistics(db, [school.path], { year: year - (run % 2), probationMonths: 12 });
		schoolRuns.push(ms(t0));
		if (run === 0) counted = Object.values(stats.total).reduce((a, b) => a + b, 0);
		t0 = process.hrtime.bigint();
		await developmentStatistics(db, [colleges[run % COLLEGES].path], { year, probationMonths: 12 });
		collegeRuns.push(ms(t0));
	}

	const summary = {
		stats_people: PEOPLE,
		stats_ms: Math.round(median(schoolRuns)),
		stats_first_ms: Math.round(schoolRuns[0]),
		stats_college_ms: Math.round(median(collegeRuns)),
		stats_entries: entries,
		stats_steps_counted: counted,
		runs: RUNS,
		engine: 'postgresql-15',
		host
	};
	console.error(`${PEOPLE} people: the school's year tables in ${summary.stats_ms} ms (median of ${RUNS}; first ${summary.stats_first_ms} ms), one college's ${summary.stats_college_ms} ms; host: pgbench ${host.pgbench_select_tps} tps (${host.pgbench_vs_stack_md}× stack.md), JS loop ${host.js_loop_ms} ms`);
	console.log(JSON.stringify(summary));
} finally {
	await opened.close();
	if (process.env.BENCH_KEEP === '1') console.error(`[bench] kept ${url}`);
	else await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.end();
	pg.stop();
}
