// Test support: the production server (scripts/serve.js on build/) in a child process, for
// tests of what only the real server does: shutdown, 503s while the database is down.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../db/throwaway-postgres';

// Playwright builds into the same build/ folder: builds must not overlap (tests/README).
const LOCK = '/tmp/dx-e2e.lock';

// Runs under the lock: rebuilds when a source file is newer than build/index.js.
const BUILD_IF_STALE = `
const { statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');
const newest = (p) => { const s = statSync(p); if (!s.isDirectory()) return s.mtimeMs; return readdirSync(p).reduce((m, f) => Math.max(m, newest(join(p, f))), s.mtimeMs); };
let built = 0; try { built = statSync('build/index.js').mtimeMs; } catch {}
const sources = Math.max(...['src', 'content', 'vite.config.ts', 'svelte.config.js'].map(newest));
if (sources > built) { console.error('[test] building build/ …'); execFileSync('npx', ['vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] }); }
`;

/** build/ as of the current sources (built once, under the e2e lock). */
export function ensureBuild() {
	execFileSync('flock', [LOCK, process.execPath, '-e', BUILD_IF_STALE], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 });
}

export interface ServedBuild {
	base: string;
	child: ChildProcess;
	/** Everything the server printed, for failure messages. */
	output(): string;
	/** Resolves when the process has exited, with the time it did. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
	/** SIGKILL if still running (the end of a test). */
	kill(): Promise<void>;
}

/** `port`: a fixed one (a proxy's upstream, a restart on the same port); else any free one. */
export async function serveBuild(env: Record<string, string>, port?: number): Promise<ServedBuild> {
	port ??= await freePort();
	const base = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['scripts/serve.js'], {
		env: { ...process.env, PORT: String(port), ORIGIN: base, DEMO_SEED: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }))
	);
	let gone = false;
	void exited.then(() => (gone = true));
	const until = Date.now() + 90_000;
	for (;;) {
		if (gone) throw new Error(`scripts/serve.js exited while starting:\n${log}`);
		if (Date.now() > until) throw new Error(`scripts/serve.js did not answer /healthz 200 within 90 s:\n${log}`);
		const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
		if (ok) break;
		await new Promise((r) => setTimeout(r, 200));
	}
	return {
		base,
		child,
		output: () => log,
		exited,
		async kill() {
			if (!gone) child.kill('SIGKILL');
			await exited;
		}
	};
}
