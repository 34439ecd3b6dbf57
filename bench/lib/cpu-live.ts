// CPU seconds per group of processes over a stretch of a benchmark in which processes come and
// go (an instance killed and started again): bench/lib/cpu.ts reads each process at the start and
// the end only, so a process killed in between would count as negative. Here every process is
// read every 200 ms, and what it used is kept after it has gone (less its last ≤ 200 ms).
import { readdirSync, readFileSync } from 'node:fs';
import { processTicks as ticksOf, TICK } from './cpu';

const EVERY_MS = 200;

function parents() {
	const parent = new Map<number, number>();
	for (const d of readdirSync('/proc')) {
		if (!/^\d+$/.test(d)) continue;
		try {
			const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
			parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			/* gone */
		}
	}
	return parent;
}

/** The processes and their descendants. */
function withDescendants(roots: number[], parent: Map<number, number>) {
	const all = new Set(roots.filter((p) => p > 0));
	let grew = true;
	while (grew) {
		grew = false;
		for (const [pid, ppid] of parent) if (all.has(ppid) && !all.has(pid)) (all.add(pid), (grew = true));
	}
	return [...all];
}

function machineTicks() {
	const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
	return f.slice(0, 8).reduce((a, b) => a + b, 0) - f[3] - f[4]; // all but idle and iowait
}

/**
 * `groups()` names the root processes of each group now (called at every reading, so a restarted
 * instance's new process joins its group). A process first seen after the start counts from 0:
 * it started within the stretch (a restart's own start-up is part of what a crash costs).
 * Groups named in `alone` count their own processes only, not their children (the bench itself,
 * whose children are the servers). Returns a stop function with each group's cores on average,
 * and `other` for the rest of the machine.
 */
export function liveCpuMeter(groups: () => Record<string, number[]>, options: { alone?: string[] } = {}) {
	const first = new Map<string, Map<number, number>>();
	const last = new Map<string, Map<number, number>>();
	let started = false;
	const read = () => {
		const parent = parents();
		for (const [name, roots] of Object.entries(groups())) {
			if (!first.has(name)) (first.set(name, new Map()), last.set(name, new Map()));
			for (const pid of options.alone?.includes(name) ? roots : withDescendants(roots, parent)) {
				const t = ticksOf(pid);
				if (t === undefined) continue;
				if (!first.get(name)!.has(pid)) first.get(name)!.set(pid, started ? 0 : t);
				last.get(name)!.set(pid, t);
			}
		}
	};
	read();
	started = true;
	const machine0 = machineTicks();
	const began = performance.now();
	const timer = setInterval(read, EVERY_MS);
	return () => {
		clearInterval(timer);
		read();
		const seconds = (performance.now() - began) / 1000;
		const cores = (ticks: number) => Math.round((ticks / TICK / seconds) * 100) / 100;
		const out: Record<string, number> = {};
		let ours = 0;
		for (const [name, pids] of last) {
			let ticks = 0;
			for (const [pid, t] of pids) ticks += t - first.get(name)!.get(pid)!;
			out[`${name}_cores`] = cores(ticks);
			ours += ticks;
		}
		// everything else on this shared machine (other sessions' tests and servers)
		out.other_cores = Math.max(0, cores(machineTicks() - machine0 - ours));
		return out;
	};
}
