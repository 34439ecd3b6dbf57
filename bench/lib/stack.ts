// Starts what a benchmark needs: a throwaway PostgreSQL 15 (unless BENCH_DATABASE_URL is
// given), the production build, and server instances on it. Everything stops by itself.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openPostgres, type OpenDatabase } from '../../src/lib/server/db/engine';

export interface Stack {
	urls: string[];
	/** The server processes (for bench/lib/cpu.ts). */
	pids: number[];
	/** The throwaway PostgreSQL's postmaster (undefined with BENCH_DATABASE_URL), for bench/lib/cpu.ts. */
	postgresPid?: number;
	databaseUrl: string;
	/** The PostgreSQL server's own database, for bench/lib/calibrate.ts. */
	adminUrl: string;
	db: OpenDatabase['db'];
	/** SIGKILL instance `i` (a crash: no drain) and wait until it has exited; `pids[i]` is then 0. */
	kill(i: number): Promise<void>;
	/** Start instance `i` again on its port (after `kill`) and wait until it is healthy. */
	restart(i: number): Promise<void>;
	stop(): Promise<void>;
}

function withDatabase(url: string, name: string) {
	const u = new URL(url);
	u.pathname = `/${name}`;
	return u.toString();
}

async function waitHealthy(url: string, ms = 120_000) {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		try {
			if ((await fetch(`${url}/healthz`)).ok) return;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new Error(`${url} did not become healthy`);
}

export async function startStack(options: { instances?: number; basePort?: number; env?: Record<string, string>; adminUrl?: string; existingDatabase?: string } = {}): Promise<Stack> {
	const instances = options.instances ?? 1;
	let pgTmp: string | undefined;
	let adminUrl = options.adminUrl ?? process.env.BENCH_DATABASE_URL;
	if (!adminUrl) {
		const out = execFileSync('bash', ['-c', 'PGPORT=${PGPORT:-55499} source .ci/postgres.sh start >/dev/null && echo "$PG_URL $PG_TMP"'], { encoding: 'utf8' });
		[adminUrl, pgTmp] = out.trim().split(' ');
	}
	// A database of the caller's (already filled), or a fresh one dropped at the end.
	const name = `dx_bench_${process.pid}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	if (!options.existingDatabase) {
		await admin.unsafe(`drop database if exists ${name}`);
		await admin.unsafe(`create database ${name}`);
	}
	let databaseUrl = options.existingDatabase ?? withDatabase(adminUrl, name);
	// The servers reach the throwaway PostgreSQL on this machine through its Unix socket, as
	// a same-machine deployment would (BENCH_PG_TCP=1 for loopback TCP instead).
	if (pgTmp && process.env.BENCH_PG_TCP !== '1') databaseUrl += `?host=${pgTmp}/sock`;

	if (process.env.BENCH_BUILD === '1' || !existsSync('build/index.js')) {
		console.error('[bench] building…');
		execFileSync('npx', ['vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
	}
	const children: ChildProcess[] = [];
	const urls: string[] = [];
	const pids: number[] = [];
	// BENCH_PORT: where the servers listen, so that two benchmarks on one machine do not meet.
	const basePort = options.basePort ?? Number(process.env.BENCH_PORT ?? 4600);
	// The throwaway database's audit checkpoints must not land in the operator's files.
	const checkpointFiles = { AUDIT_CHECKPOINT_FILE: join(tmpdir(), `dx-bench-audit-checkpoints-${process.pid}.jsonl`), AUDIT_CHECKPOINT_KEY_FILE: join(tmpdir(), `dx-bench-audit-checkpoint-${process.pid}.key`) };
	const spawnInstance = (i: number) => {
		const port = basePort + i;
		const url = `http://localhost:${port}`;
		// BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the servers.
		const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
		const child = spawn('node', [...nodeArgs, process.env.BENCH_SERVE ?? 'scripts/serve.js'], {
			env: { ...process.env, PORT: String(port), ORIGIN: url, DATABASE_URL: databaseUrl, DEMO_SEED: '1', BENCH_ROUTES: '1',
				...checkpointFiles, ...options.env },
			// BENCH_SERVER_LOG=file keeps the servers' output (e.g. with BENCH_NODE_ARGS=--trace-gc).
			stdio: ['ignore', process.env.BENCH_SERVER_LOG ? openSync(process.env.BENCH_SERVER_LOG, 'a') : 'ignore', 'inherit']
		});
		children[i] = child;
		urls[i] = url;
		pids[i] = child.pid!;
		return url;
	};
	// The first instance migrates and seeds; the others start once it has.
	for (let i = 0; i < instances; i++) await waitHealthy(spawnInstance(i));
	const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
	const ended = (c: ChildProcess, signal: NodeJS.Signals) =>
		new Promise<void>((resolve) => {
			if (exited(c)) return resolve();
			c.once('exit', (code, sig) => { if (process.env.BENCH_DEBUG) console.error('[bench] server exit', code, sig); resolve(); });
			c.kill(signal);
			if (signal !== 'SIGKILL') setTimeout(() => c.kill('SIGKILL'), 30_000).unref();
		});
	const opened = openPostgres(databaseUrl, 4);
	return {
		urls,
		pids,
		postgresPid: pgTmp ? Number(readFileSync(join(pgTmp, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]) : undefined,
		databaseUrl,
		adminUrl,
		db: opened.db,
		async kill(i) {
			await ended(children[i], 'SIGKILL');
			pids[i] = 0;
		},
		async restart(i) {
			if (!exited(children[i])) throw new Error(`instance ${i} is still running`);
			await waitHealthy(spawnInstance(i));
		},
		async stop() {
			await opened.close();
			await Promise.all(children.map((c) => ended(c, 'SIGTERM')));
			if (!options.existingDatabase) await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
			if (pgTmp) execFileSync('bash', ['.ci/postgres.sh', 'stop', pgTmp]);
			// named after this run's pid, so no later run reads them: nothing of the run stays behind
			for (const file of Object.values(checkpointFiles)) rmSync(file, { force: true });
		}
	};
}
