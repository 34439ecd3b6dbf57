// npm run bench:pipeline — the development module at school scale on PostgreSQL 15: 100,000 (BENCH_PEOPLE)
// generated people with their records (纪实), every check of every transition evaluated for all
// of them, and the school-wide due list; then one branch board. Needs no build: it measures the
// server code against the database directly. Prints one JSON object on its last line.
import { execFileSync } from 'node:child_process';
import postgres from 'postgres';
import { sql } from 'kysely';
import { openPostgres } from '../src/lib/server/db/engine';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { insertOrgUnit } from '../src/lib/server/org/units';
import { addDays, todayInShanghai } from '../src/lib/server/development/engine/dates';
import { buildHistory } from '../src/lib/server/development/histories/generate';
import { historyCohorts, writeHistories, type HistoryTarget } from '../src/lib/server/development/histories/store';
import { rulesInEffect } from '../src/lib/server/development/settings/rules-in-effect';
import { loadDossiersInChunks } from '../src/lib/server/development/records/load';
import { assess } from '../src/lib/server/development/standing';
import { evaluateTransition } from '../src/lib/server/development/engine/evaluate-transition';
import { boardPage, dueRows, pipelinePeople, sortDueRows, type DueRow } from '../src/lib/server/development/reports/board';
import type { DevelopmentStage } from '../src/lib/server/development/tables';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../src/lib/server/auth/session';
import { startStack } from './lib/stack';
import { calibrateHost } from './lib/calibrate';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const COLLEGES = 10;
const BRANCHES_PER_COLLEGE = 5;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);


function startPostgres() {
	if (process.env.BENCH_DATABASE_URL) return { adminUrl: process.env.BENCH_DATABASE_URL, stop() {} };
	const out = execFileSync('bash', ['-c', 'PGPORT=${PGPORT:-55498} source .ci/postgres.sh start >/dev/null && echo "$PG_URL $PG_TMP"'], { encoding: 'utf8' });
	const [adminUrl, dir] = out.trim().split(' ');
	return { adminUrl, stop: () => execFileSync('bash', ['.ci/postgres.sh', 'stop', dir]) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** GET /development/board as the branch's secretary, 40 times one after another; the times in ms. */
async function boardOverHttp(branch: number) {
	const secretary = await db
		.insertInto('person')
		.values({ username: 'b-secretary', name: '压测书记', gender: 'female', orgUnitId: branch, politicalStatus: 'member', mustChangePassword: false })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db.insertInto('roleAssignment').values({ personId: secretary.id, role: 'secretary', orgUnitId: branch }).execute();
	const token = generateSessionToken();
	await createSession(db, token, secretary.id);
	const { name: branchName } = await db.selectFrom('orgUnit').select('name').where('id', '=', branch).executeTakeFirstOrThrow();
	const stack = await startStack({ adminUrl: pg.adminUrl, existingDatabase: url.toString(), env: { DEMO_SEED: '0' } });
	try {
		const get = async () => {
			const t0 = process.hrtime.bigint();
			const res = await fetch(`${stack.urls[0]}/development/board?branch=${branch}`, { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
			const html = await res.text();
			if (res.status !== 200 || !html.includes(branchName)) throw new Error(`board answered ${res.status}`);
			return ms(t0);
		};
		for (let i = 0; i < 5; i++) await get(); // warm-up
		const runs: number[] = [];
		for (let i = 0; i < 40; i++) runs.push(await get());
		return runs;
	} finally {
		await stack.stop();
	}
}

const pg = startPostgres();
const name = `dx_bench_pipeline_${process.pid}`;
const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${name}`);
await admin.unsafe(`create database ${name}`);
const url = new URL(pg.adminUrl);
url.pathname = `/${name}`;
// Set-based loads over 100,000 people hold connections longer than a page's 3 s wait allows;
// this is a batch measurement, not a page, so the wait has no limit here.
process.env.DB_QUEUE_TIMEOUT ??= '0';
const opened = openPostgres(url.toString(), 10);
const db = opened.db;
try {
	// Before any load: how fast the machine is right now (bench/lib/calibrate.ts).
	const host = await calibrateHost(pg.adminUrl);
	await migrateToLatest(db);
	const today = todayInShanghai();

	// The school: 10 college committees with 5 branches each, and full members to mentor and sponsor.
	const school = await insertOrgUnit(db, { parentId: null, kind: 'committee', name: '压测大学党委', code: 'B-SCHOOL' });
	const branches: number[] = [];
	for (let c = 0; c < COLLEGES; c++) {
		const college = await insertOrgUnit(db, { parentId: school.id, kind: c % 3 === 2 ? 'general_branch' : 'committee', name: `学院${c + 1}`, code: `B-C${c}` });
		for (let b = 0; b < BRANCHES_PER_COLLEGE; b++) branches.push((await insertOrgUnit(db, { parentId: college.id, kind: 'branch', name: `学院${c + 1}第${b + 1}支部`, code: `B-C${c}-${b}` })).id);
	}
	const mentors = await db
		.insertInto('person')
		.values(['王芳', '李强', '张伟'].map((n, i) => ({ username: `b-m-${i}`, name: n, gender: 'female' as const, orgUnitId: branches[0], politicalStatus: 'member' as const })))
		.returning(['id', 'name'])
		.execute();

	// 10,000 people: stages in proportions a school sees, dated from today, some with gaps.
	const stages: [DevelopmentStage, number, number[]][] = [
		['applicant', 0.3, [20, 60, 120, 200]],
		['activist', 0.35, [60, 180, 300, 420, 500]],
		['candidate', 0.1, [30, 90, 130]],
		['probationary', 0.1, [40, 150, 300, 380]],
		['member', 0.15, [100, 500, 900]]
	];
	const started = process.hrtime.bigint();
	const rows = Array.from({ length: PEOPLE }, (_, i) => ({
		username: `b${String(i).padStart(6, '0')}`,
		name: `压测学员${i}`,
		gender: (i % 2 ? 'male' : 'female') as 'male' | 'female',
		orgUnitId: branches[i % branches.length],
		birthDate: `${2000 + (i % 6)}-0${(i % 9) + 1}-1${i % 9}`,
		graduationDate: `${2027 + (i % 4)}-06-30`,
		politicalStatus: 'league_member' as const
	}));
	const ids: { id: number; name: string }[] = [];
	for (let i = 0; i < rows.length; i += 2000) ids.push(...(await db.insertInto('person').values(rows.slice(i, i + 2000)).returning(['id', 'name']).execute()));
	const cohorts = await historyCohorts(db, school.id, 'BENCH');
	const targets: HistoryTarget[] = ids.map((p, i) => {
		let x = (i * 7919) % PEOPLE / PEOPLE;
		const [stage, , offsets] = stages.find(([, share]) => (x -= share) < 0) ?? stages[0];
		const since = addDays(today, -offsets[i % offsets.length]);
		return { personId: p.id, name: p.name, history: buildHistory({ stage, since, today, gaps: i % 4 === 1 ? 1 : undefined, withoutActivistCertificate: i % 10 === 3 }) };
	});
	const written = await writeHistories(db, targets, { recordedBy: null, cohorts, issuingBody: '压测大学党校', serialPrefix: 'BENCH', supporterIds: new Map(mentors.map((m) => [m.name, m.id])), pdf: 'placeholder' });
	await sql`analyze`.execute(db);
	console.error(`[bench] generated ${PEOPLE} people, ${written.entries} entries, ${written.certificates} certificates in ${Math.round(ms(started))} ms`);

	// Every check of every transition for everyone, and the school-wide due list.
	const transitions = ['to_activist', 'to_candidate', 'to_probationary', 'to_member'] as const;
	const checkRuns: number[] = [];
	const loadRuns: number[] = [];
	let evaluations = 0;
	let checksRun = 0;
	let due = 0;
	let assessedPeople = 0;
	for (let run = 0; run < RUNS; run++) {
		const t0 = process.hrtime.bigint();
		const rules = await rulesInEffect(db);
		const people = await pipelinePeople(db, [school.path]);
		const byId = new Map(people.map((p) => [p.id, p]));
		evaluations = 0;
		checksRun = 0;
		let evaluating = 0;
		assessedPeople = 0;
		const dueList: DueRow[] = [];
		// Chunk by chunk as the database delivers them (records/load.ts): the checks of one chunk
		// run while the next ones load, and of each person only their due items are kept (the
		// school-wide list), not the whole assessment. The load figure is the run's time outside the checks.
		await loadDossiersInChunks(db, people.map((p) => p.id), rules.at, (loaded) => {
			const e0 = process.hrtime.bigint();
			const chunk = [];
			for (const [id, l] of loaded) {
				// The next step (with its blockers and due items), then every other transition's checks too.
				const a = assess(l, rules);
				for (const tr of transitions) {
					if (tr === a.next) continue;
					checksRun += evaluateTransition(l.dossier, tr, rules.settings, rules.ctx).results.length;
					evaluations++;
				}
				if (a.next) {
					checksRun += rules.settings.byTransition[a.next].length;
					evaluations++;
				}
				chunk.push({ ...byId.get(id)!, ...a });
			}
			assessedPeople += chunk.length;
			dueList.push(...dueRows(chunk));
			evaluating += ms(e0);
		});
		due = sortDueRows(dueList).length;
		checkRuns.push(ms(t0));
		loadRuns.push(ms(t0) - evaluating);
	}

	// One branch board as the page asks for it: the stage counts and the total of the branch's
	// people in SQL, then the first page's records and every check of their next step.
	const branch = branches[7];
	const boardRuns: number[] = [];
	let boardPeople = 0;
	let boardPageSize = 0;
	for (let run = 0; run < RUNS * 4; run++) {
		const t0 = process.hrtime.bigint();
		const rules = await rulesInEffect(db);
		const board = await boardPage(db, [school.path], { orgUnitId: branch }, rules);
		boardPeople = board.total;
		boardPageSize = board.people.length;
		boardRuns.push(ms(t0));
	}

	console.error(`[bench] in process: every check ${Math.round(median(checkRuns))} ms (load ${Math.round(median(loadRuns))} ms), board ${Math.round(median(boardRuns) * 10) / 10} ms`);

	// The same board over HTTP, as the branch's secretary opens it: the production build on this
	// database (a fresh server, migrations already applied), session check and rendering included.
	// BENCH_HTTP=0 skips it (a quick look at the checks without a build).
	const httpRuns = process.env.BENCH_HTTP === '0' ? [NaN] : await boardOverHttp(branch);

	const summary = {
		people: assessedPeople,
		checks_ms: Math.round(median(checkRuns)),
		checks_first_ms: Math.round(checkRuns[0]),
		checks_load_ms: Math.round(median(loadRuns)),
		board_ms: Math.round(median(boardRuns) * 10) / 10,
		board_people: boardPeople,
		board_page_people: boardPageSize,
		board_http_ms: Math.round(median(httpRuns) * 10) / 10,
		board_http_p95_ms: Math.round([...httpRuns].sort((a, b) => a - b)[Math.floor(httpRuns.length * 0.95)] * 10) / 10,
		transitions_evaluated: evaluations,
		checks_evaluated: checksRun,
		due_items: due,
		entries: written.entries,
		certificates: written.certificates,
		runs: RUNS,
		engine: 'postgresql-15',
		host
	};
	console.error(`${summary.people} people: every check in ${summary.checks_ms} ms (median of ${RUNS}; first ${summary.checks_first_ms} ms), branch board (${boardPeople} people, a page of ${boardPageSize}) ${summary.board_ms} ms, over HTTP ${summary.board_http_ms} ms (p95 ${summary.board_http_p95_ms} ms); host: pgbench ${host.pgbench_select_tps} tps (${host.pgbench_vs_stack_md}× stack.md), JS loop ${host.js_loop_ms} ms`);
	console.log(JSON.stringify(summary));
} finally {
	await opened.close();
	// BENCH_KEEP=1 leaves the generated database for a closer look.
	if (process.env.BENCH_KEEP === '1') console.error(`[bench] kept ${url}`);
	else await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.end();
	pg.stop();
}
