// node bench/start.mjs [DIR] — the first-run stopwatch: how long `npm start` in DIR (a fresh clone
// after `npm ci`, by default the current folder) takes to answer 200 on /login, where that time
// went (build, database ready, listening), and the server's memory (VmRSS) once it is up and after
// a few page loads signed in as the demo admin. Prints one JSON object on its last line.
//
// Plain Node on purpose: it runs in a fresh clone before anything else is built.
//   git clone -q /work/main /tmp/start-clone && cd /tmp/start-clone && npm ci && node bench/start.mjs
// It does not delete build/ or data/: run it on a fresh clone for the first-run figure, again for
// the second start (build up to date, database already there).
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';

const dir = resolve(process.argv[2] ?? '.');
const port = Number(process.env.START_PORT ?? 3190);
const base = `http://127.0.0.1:${port}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const host = () => ({ cores: cpus().length, load: loadavg().map((x) => Number(x.toFixed(2))) });

/** Every process below `root` (the server is npm → sh → node scripts/serve.js). */
function descendants(root) {
	const parent = new Map();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			/* gone */
		}
	}
	const out = [];
	const walk = (pid) => {
		for (const [child, p] of parent) if (p === pid) out.push(child), walk(child);
	};
	walk(root);
	return out;
}

function serverPid(root) {
	return descendants(root).find((pid) => {
		try {
			// node scripts/start.js (npm start) or, before it, node scripts/serve.js after `sh -c vite build && …`
			const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
			return /(^|\/)node$/.test(argv[0]) && argv.some((arg) => /scripts\/(serve|start)\.js$/.test(arg));
		} catch {
			return false;
		}
	});
}

function rssMb(pid) {
	const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
	return Math.round(kb / 1024);
}

const hostBefore = host();
const started = performance.now();
const since = () => Math.round(performance.now() - started);
const child = spawn('npm', ['start'], { cwd: dir, env: { ...process.env, PORT: String(port) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
const marks = {};
let log = '';
const watch = (chunk) => {
	const text = chunk.toString();
	log += text;
	// scripts/start.js's line, or (before it existed) adapter-node's last line of `vite build`.
	if (/\[start\] 构建与数据库准备用时|✔ done/.test(text)) marks.buildDoneMs ??= since();
	const ready = /\[db\] pglite 就绪，用时 (\d+) ms(（[^）]*）)?/.exec(text);
	if (ready) (marks.databaseReadyMs ??= since()), (marks.initReportedMs = Number(ready[1])), ready[2] && (marks.initPhases = ready[2]);
	if (/Listening on/.test(text)) marks.listeningMs ??= since();
};
child.stdout.on('data', watch);
child.stderr.on('data', watch);
let exited = false;
child.on('exit', () => (exited = true));

try {
	let loginMs;
	while (!exited && since() < 180_000) {
		try {
			const res = await fetch(`${base}/login`);
			await res.arrayBuffer();
			if (res.status === 200) {
				loginMs = since();
				break;
			}
		} catch {
			/* not listening yet */
		}
		await sleep(50);
	}
	if (loginMs === undefined) throw new Error(`/login never answered 200\n${log.slice(-3000)}`);
	const pid = serverPid(child.pid);
	await sleep(1000); // let the start's own work (jobs' first tick) settle
	const rssAfterStartMb = rssMb(pid);

	// A few page loads as the demo admin: the sign-in (argon2) and pages that read the database.
	// As a browser on http://127.0.0.1 signs in (its Origin). Before scripts/serve.js said the
	// request came over http, adapter-node took it for https and refused that (403): then the
	// https Origin it expected, so that the page loads are measured all the same.
	const signIn = (origin) =>
		fetch(`${base}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'username=admin&password=dangxiao-demo'
		});
	let login = await signIn(base);
	const signInOverHttp = login.status;
	if (login.status === 403) login = await signIn(base.replace('http:', 'https:'));
	const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
	if (!cookie) throw new Error(`sign-in failed: ${login.status}`);
	const pages = ['/', '/courses', '/development', '/records', '/cohorts', '/exam-admin', '/admin', '/'];
	const statuses = [];
	for (let round = 0; round < 3; round++) {
		for (const path of pages) {
			const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
			await res.arrayBuffer();
			statuses.push(res.status);
		}
	}
	const rssAfterPagesMb = rssMb(pid);
	console.log(
		JSON.stringify({
			bench: 'start',
			dir,
			hostBefore,
			hostAfter: host(),
			loginMs,
			...marks,
			rssAfterStartMb,
			rssAfterPagesMb,
			signInOverHttp,
			pageLoads: statuses.length,
			pageStatuses: [...new Set(statuses)].sort()
		})
	);
} finally {
	// SIGINT to the whole group (npm, sh, the server): the server closes PGlite and exits.
	try {
		process.kill(-child.pid, 'SIGINT');
	} catch {
		/* already gone */
	}
	for (let i = 0; i < 200 && !exited; i++) await sleep(50);
	if (!exited) process.kill(-child.pid, 'SIGKILL');
}
