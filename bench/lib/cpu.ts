// CPU seconds used by the servers, PostgreSQL and this load generator over a stretch of a
// benchmark: on a 2-core machine they share the cores, so the split says what to optimise.
import { readdirSync, readFileSync } from 'node:fs';

export const TICK = 100; // USER_HZ on Linux

/** CPU ticks a process has used (utime + stime); undefined once it has exited. */
export function processTicks(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return Number(fields[11]) + Number(fields[12]);
	} catch {
		return undefined;
	}
}

const ticksOf = (pid: number) => processTicks(pid) ?? 0;

function postgresPids() {
	return readdirSync('/proc')
		.filter((d) => /^\d+$/.test(d))
		.map(Number)
		.filter((pid) => {
			try {
				return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
			} catch {
				return false;
			}
		});
}

/** The processes and their children (a server may run cluster workers). */
function withChildren(pids: number[]) {
	const all = new Set(pids);
	for (const d of readdirSync('/proc')) {
		if (!/^\d+$/.test(d)) continue;
		try {
			const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (all.has(ppid)) all.add(Number(d));
		} catch {
			/* gone */
		}
	}
	return [...all];
}

/** Busy ticks of the whole machine (every core), from /proc/stat's first line. */
function machineTicks() {
	const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
	return f.slice(0, 8).reduce((a, b) => a + b, 0) - f[3] - f[4]; // all but idle and iowait
}

/**
 * `postgresPid`: the bench's own PostgreSQL's postmaster; only it and its backends are counted
 * (on a shared machine other PostgreSQL servers run too). Without it, every `postgres` process.
 */
export function cpuMeter(serverPids: number[], options: { postgresPid?: number } = {}) {
	const servers = withChildren(serverPids);
	const sample = () => {
		const pg = options.postgresPid ? withChildren([options.postgresPid]) : postgresPids();
		return {
			server: servers.reduce((t, p) => t + ticksOf(p), 0),
			postgres: pg.reduce((t, p) => t + ticksOf(p), 0),
			bench: ticksOf(process.pid),
			machine: machineTicks()
		};
	};
	const start = sample();
	const began = performance.now();
	return () => {
		const end = sample();
		const seconds = (performance.now() - began) / 1000;
		// cores used on average (1.0 = one core fully busy); backends that ended mid-way are missed
		const cores = (k: keyof typeof end) => Math.round(((end[k] - start[k]) / TICK / seconds) * 100) / 100;
		const ours = cores('server') + cores('postgres') + cores('bench');
		return {
			server_cores: cores('server'),
			postgres_cores: cores('postgres'),
			bench_cores: cores('bench'),
			// everything else on this shared machine (other sessions' tests and servers)
			other_cores: Math.max(0, Math.round((cores('machine') - ours) * 100) / 100)
		};
	};
}
