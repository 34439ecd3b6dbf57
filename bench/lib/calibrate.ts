// How fast this (shared) machine is right now, in the units ../shared/stack.md measured its
// ceilings in: the benches' absolute targets (p99, per second) were set against those, and the
// same code on the same machine differs by 2–4× between quiet and busy hours. Printed with each
// bench so that a result can be read against the machine it ran on.
import { execFileSync } from 'node:child_process';
import postgres from 'postgres';

/** stack.md: "pgbench select-only … (10 clients)" 47,800 tps on 2026-11-26. */
export const STACK_MD_PGBENCH_SELECT_TPS = 47_800;

function jsLoopMs() {
	const started = process.hrtime.bigint();
	let h = 0;
	for (let i = 0; i < 1e8; i++) h = (h * 33) ^ i | 0;
	return Math.round(Number(process.hrtime.bigint() - started) / 1e6 + (h & 0));
}

export async function calibrateHost(adminUrl: string) {
	const name = 'dx_calibration';
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	let tps: number | null = null;
	try {
		await admin.unsafe(`drop database if exists ${name}`);
		await admin.unsafe(`create database ${name}`);
		execFileSync('pgbench', ['-i', '-s', '10', '-q', url.toString()], { stdio: 'ignore' });
		const out = execFileSync('pgbench', ['-S', '-M', 'prepared', '-c', '10', '-j', '2', '-T', '5', url.toString()], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
		tps = Math.round(Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN)) || null;
	} catch {
		tps = null; // no pgbench here: the figure is left out
	} finally {
		await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
		await admin.end();
	}
	return {
		pgbench_select_tps: tps,
		pgbench_vs_stack_md: tps === null ? null : Number((tps / STACK_MD_PGBENCH_SELECT_TPS).toFixed(2)),
		js_loop_ms: jsLoopMs()
	};
}
