// npm run bench:pool — a sustained query load (50 callers, 30 s) through the app's driver
// (src/lib/server/db/postgres-driver.ts: lanes of one connection) and, for comparison, through
// one postgres.js pool of the same size. postgres.js 3.4's pool queue slows down for as long as
// its connections stay busy; the lanes must hold their rate. Prints one JSON object last.
import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import postgres from 'postgres';
import { openPostgres } from '../src/lib/server/db/engine';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CALLERS = 50;
const SIZE = 4;

/** Queries per second in each 5-second window while `query` runs back to back in 50 callers. */
async function sustained(query: () => Promise<unknown>) {
	let done = 0;
	let stop = false;
	const callers = Array.from({ length: CALLERS }, async () => {
		while (!stop) {
			await query();
			done++;
		}
	});
	const windows: number[] = [];
	for (let s = 5, last = 0; s <= SECONDS; s += 5, last = done) {
		await new Promise((r) => setTimeout(r, 5000));
		windows.push(Math.round((done - last) / 5));
	}
	stop = true;
	await Promise.all(callers);
	return windows;
}

const out = execFileSync('bash', ['-c', 'PGPORT=${PGPORT:-55498} source .ci/postgres.sh start >/dev/null && echo "$PG_URL $PG_TMP"'], { encoding: 'utf8' });
const [url, pgTmp] = out.trim().split(' ');
try {
	const app = openPostgres(url, SIZE);
	const driver = await sustained(() => sql`select ${1}::int as x`.execute(app.db));
	await app.close();

	const pool = postgres(url, { max: SIZE, onnotice: () => {} });
	const singlePool = await sustained(() => pool.unsafe('select $1::int as x', [1], { prepare: true }));
	await pool.end();

	const last = (xs: number[]) => xs[xs.length - 1];
	const summary = {
		driver_qps: driver,
		single_pool_qps: singlePool,
		driver_last_vs_first: Number((last(driver) / driver[0]).toFixed(2)),
		single_pool_last_vs_first: Number((last(singlePool) / singlePool[0]).toFixed(2)),
		connections: SIZE,
		callers: CALLERS,
		seconds: SECONDS
	};
	console.error(`driver (lanes): ${driver.join(' → ')} q/s; one postgres.js pool: ${singlePool.join(' → ')} q/s`);
	console.log(JSON.stringify(summary));
} finally {
	execFileSync('bash', ['.ci/postgres.sh', 'stop', pgTmp]);
}
