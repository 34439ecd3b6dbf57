// deploy/nginx.conf — the configuration the README gives for several instances — in a real nginx
// in front of two production servers (scripts/serve.js) on one PostgreSQL, under load: SIGTERM
// one, restart it, SIGTERM the other. Without the retry rules 19 heartbeats got 502 at a SIGTERM.
// Here no page or heartbeat may fail, and no form post may act twice (nginx must not resend a
// post that reached an instance): every created session is counted in the database.
// Needs nginx and PostgreSQL 15's server binaries (.ci/run installs both); never skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openPostgres, type OpenDatabase } from '../db/engine';
import { canRunThrowawayPostgres, freePort, PG_BIN, startThrowawayPostgres, type ThrowawayPostgres } from '../db/throwaway-postgres';
import { ensureBuild, serveBuild, type ServedBuild } from './serve-build';
import { buildCourse, buildSchool } from '../../../test-support/cohorts';
import { createSession, generateSessionToken } from '../auth/session';
import { uploadRoutes } from './body-limit';

const NGINX = '/usr/sbin/nginx';
const CONFIG = 'deploy/nginx.conf';
if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install nginx (.ci/run installs it); the proxy test is never skipped`);
if (!canRunThrowawayPostgres()) throw new Error(`${PG_BIN} is missing or the run is not root: install postgresql-15 (see .ci/run)`);

type Kind = 'page' | 'heartbeat' | 'form';
interface Answer { kind: Kind; status: number; title?: string }

/** deploy/nginx.conf with the test's ports: every line it changes must be there exactly once. */
function proxyConfig(text: string, front: number, upstreams: [number, number]) {
	const swaps: [string, string][] = [
		['listen 443 ssl;', `listen 127.0.0.1:${front};`],
		['server 127.0.0.1:3001 ', `server 127.0.0.1:${upstreams[0]} `],
		['server 127.0.0.1:3002 ', `server 127.0.0.1:${upstreams[1]} `]
	];
	for (const [from, to] of swaps) {
		if (text.split(from).length !== 2) throw new Error(`${CONFIG} no longer has exactly one "${from}": update nginx.test.ts with it`);
		text = text.replace(from, to);
	}
	return text;
}

// nginx as any user may run it: everything it writes lives under its own prefix.
function nginxMain(dir: string) {
	return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  log_format upstreams '$request_method $uri $status "$upstream_addr"';
  access_log ${dir}/access.log upstreams;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  include ${dir}/dangxiao.conf;
}
`;
}

let pg: ThrowawayPostgres;
let db: OpenDatabase;
let nginx: ChildProcess;
let nginxDir: string;
let front: string;
let ports: [number, number];
let env: Record<string, string>;
const servers: ServedBuild[] = [];
let learner: { cookie: string; lessonId: number };
let instructor: { cookie: string; cohortId: number };
const phases: { name: string; answers: Answer[]; retried: number; byInstance: number[] }[] = [];

async function waitFor(what: string, ok: () => Promise<boolean> | boolean, ms: number) {
	const until = Date.now() + ms;
	while (!(await ok())) {
		if (Date.now() > until) throw new Error(`${what} within ${ms} ms`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

const accessLog = () => (existsSync(join(nginxDir, 'access.log')) ? readFileSync(join(nginxDir, 'access.log'), 'utf8').split('\n').filter(Boolean) : []);

/** A learner's pages and heartbeats and an instructor's new sessions, until `stop` says so. */
async function load(phase: string, stop: () => boolean) {
	const answers: Answer[] = [];
	let forms = 0;
	const seqs = new Map<number, number>();
	const once = async (worker: number, turn: number): Promise<Answer> => {
		const kind: Kind = (['page', 'heartbeat', 'page', 'form'] as const)[turn % 4];
		const headers: Record<string, string> = { origin: front };
		let init: RequestInit;
		let path: string;
		let title: string | undefined;
		if (kind === 'page') {
			path = turn % 8 === 0 ? '/' : `/sessions?cohort=${instructor.cohortId}`;
			init = { headers: { cookie: turn % 8 === 0 ? learner.cookie : instructor.cookie } };
		} else if (kind === 'heartbeat') {
			const seq = (seqs.get(worker) ?? 0) + 1;
			seqs.set(worker, seq);
			path = '/api/study/heartbeat';
			init = { method: 'POST', headers: { ...headers, cookie: learner.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ lessonId: learner.lessonId, tab: `nginx-${phase}-${worker}`, seq, reachedEnd: false, video: [] }) };
		} else {
			// No idempotency key, as a script would post it: a second copy would be a second session.
			title = `nginx-${phase}-${++forms}`;
			path = '/sessions/new';
			const form = new URLSearchParams({
				cohortId: String(instructor.cohortId), weeks: '1', title, kind: 'lecture', startsAt: '2027-03-10T09:00', endsAt: '2027-03-10T11:00',
				place: '报告厅', instructorId: '', creditHours: '2', checkinOpensMin: '15', lateAfterMin: '10', checkinClosesMin: '30', codeSeconds: '10',
				networkMode: 'any', checkinPolicy: 'enforce'
			});
			init = { method: 'POST', headers: { ...headers, cookie: instructor.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() };
		}
		const status = await fetch(front + path, { ...init, redirect: 'manual' }).then(
			async (res) => (await res.arrayBuffer(), res.status),
			() => 0
		);
		return { kind, status, title };
	};
	const workers = Array.from({ length: 6 }, async (_, worker) => {
		for (let turn = worker; !stop(); turn++) answers.push(await once(worker, turn));
	});
	const logBefore = accessLog().length;
	await Promise.all(workers);
	const lines = accessLog().slice(logBefore);
	const retried = lines.filter((line) => line.includes(', ')).length;
	// Which instance answered: the last address nginx tried.
	const byInstance = ports.map((p) => lines.filter((line) => line.endsWith(`:${p}"`)).length);
	phases.push({ name: phase, answers, retried, byInstance });
	return answers;
}

/** SIGTERM `server` 1.5 s into a load, and keep the load going until 1 s after it exited. */
async function stopUnderLoad(phase: string, server: ServedBuild, before?: () => Promise<void>) {
	let done = false;
	const running = load(phase, () => done);
	await new Promise((r) => setTimeout(r, 1500));
	await before?.();
	server.child.kill('SIGTERM');
	const { code } = await server.exited;
	await new Promise((r) => setTimeout(r, 1000));
	done = true;
	await running;
	return code;
}

beforeAll(async () => {
	ensureBuild();
	pg = await startThrowawayPostgres();
	ports = [await freePort(), await freePort()];
	const frontPort = await freePort();
	front = `http://127.0.0.1:${frontPort}`;
	// As the README starts each instance behind the proxy.
	env = { DATABASE_URL: pg.url, ORIGIN: front, ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' };
	servers.push(await serveBuild(env, ports[0])); // migrates the empty database first
	servers.push(await serveBuild(env, ports[1]));

	db = openPostgres(pg.url, 2);
	// The server has synced content/'s courses: this test's course has a code of its own.
	const school = await buildSchool(db.db);
	const course = await buildCourse(db.db, 'NGINX');
	const { id: cohortId } = await db.db
		.insertInto('cohort')
		.values({ courseId: course.id, name: '代理测试班', orgUnitId: school.units.school.id, startsOn: '2026-03-01', endsOn: '2027-06-30', requiredHours: 4 })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db.db.insertInto('cohortInstructor').values({ cohortId, personId: school.users.instructor.id }).execute();
	await db.db.insertInto('enrollment').values({ cohortId, personId: school.learners.a1.id }).execute();
	await db.db.updateTable('person').set({ mustChangePassword: false }).execute();
	const signIn = async (personId: number) => {
		const token = generateSessionToken();
		await createSession(db.db, token, personId);
		return `dx_session=${token}`;
	};
	const lesson = await db.db.selectFrom('lesson').select('id').where('courseId', '=', course.id).where('publishedVersionId', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
	learner = { cookie: await signIn(school.learners.a1.id), lessonId: lesson.id };
	instructor = { cookie: await signIn(school.users.instructor.id), cohortId };

	nginxDir = mkdtempSync(join(tmpdir(), 'dx-nginx-'));
	chmodSync(nginxDir, 0o755); // nginx's workers run as nobody when started as root
	mkdirSync(join(nginxDir, 'tmp'));
	writeFileSync(join(nginxDir, 'dangxiao.conf'), proxyConfig(readFileSync(CONFIG, 'utf8'), frontPort, ports));
	writeFileSync(join(nginxDir, 'nginx.conf'), nginxMain(nginxDir));
	const args = ['-p', nginxDir, '-c', join(nginxDir, 'nginx.conf'), '-e', join(nginxDir, 'error.log')];
	execFileSync(NGINX, [...args, '-t', '-q'], { stdio: ['ignore', 'ignore', 'pipe'] });
	nginx = spawn(NGINX, args, { stdio: 'ignore' });
	await waitFor('nginx did not answer /healthz', () => fetch(`${front}/healthz`).then((r) => r.ok, () => false), 10_000);
	// Both instances answer through the proxy before the drill starts.
	await waitFor('nginx did not reach both instances', async () => {
		await fetch(`${front}/healthz`).then((r) => r.arrayBuffer(), () => null);
		return ports.every((p) => accessLog().some((l) => l.endsWith(`"127.0.0.1:${p}"`)));
	}, 5000);

	// 1. The first instance stops; 2. it is back, and the second stops.
	expect(await stopUnderLoad('first', servers[0])).toBe(0);
	servers[0] = await serveBuild(env, ports[0]);
	expect(
		await stopUnderLoad('second', servers[1], () =>
			// As an operator would: the second stops once the first serves again through the proxy.
			waitFor('nginx sent nothing to the restarted instance', () => accessLog().slice(-50).some((l) => / 200 "127\.0\.0\.1:\d+"$/.test(l) && l.endsWith(`:${ports[0]}"`)), 15_000)
		)
	).toBe(0);
	for (const p of phases) {
		const count = (kind: Kind, bad: boolean) => p.answers.filter((a) => a.kind === kind && (a.status >= 200 && a.status < 400) !== bad).length;
		const statuses = [...new Set(p.answers.filter((a) => a.status < 200 || a.status >= 400).map((a) => `${a.kind} ${a.status}`))];
		console.log(
			`[nginx] ${p.name} instance stopped: pages ${count('page', false)} ok / ${count('page', true)} failed, heartbeats ${count('heartbeat', false)} / ${count('heartbeat', true)}, ` +
				`form posts ${count('form', false)} / ${count('form', true)}, answered by each instance ${p.byInstance.join(' / ')}, retried on the other instance ${p.retried}${statuses.length ? `, failures: ${statuses.join(', ')}` : ''}`
		);
	}
}, 300_000);

afterAll(async () => {
	nginx?.kill('SIGQUIT');
	await Promise.all(servers.map((s) => s.kill()));
	await db?.close();
	pg?.destroy();
	if (nginxDir) rmSync(nginxDir, { recursive: true, force: true });
});

describe('deploy/nginx.conf in front of two instances, each stopped in turn under load', () => {
	it('fails no page and no heartbeat while an instance drains and exits', () => {
		for (const p of phases) {
			const failed = p.answers.filter((a) => a.kind !== 'form' && (a.status < 200 || a.status >= 400));
			expect({ phase: p.name, failed }).toEqual({ phase: p.name, failed: [] });
			expect(p.answers.filter((a) => a.kind === 'heartbeat').length).toBeGreaterThan(5);
			// The load was spread over both: the stopped one was busy when it got SIGTERM.
			expect(p.byInstance.every((n) => n > 0)).toBe(true);
		}
	});

	it('never runs a form post twice: each created session exists once, each answered post created one', async () => {
		const rows = await db.db
			.selectFrom('session')
			.select(['title', sql<number>`count(*)::int`.as('n')])
			.where('title', 'like', 'nginx-%')
			.groupBy('title')
			.execute();
		const created = new Map(rows.map((r) => [r.title, Number(r.n)]));
		const forms = phases.flatMap((p) => p.answers.filter((a) => a.kind === 'form'));
		expect(forms.length).toBeGreaterThan(5);
		expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
		// A post answered with the redirect to the new session created exactly that one.
		expect(forms.filter((a) => a.status === 303 && created.get(a.title!) !== 1)).toEqual([]);
	// One refused or cut off created nothing: the learner, told it failed, may safely post again.
	expect(forms.filter((a) => a.status !== 303 && created.has(a.title!))).toEqual([]);
	});

	it('lets the largest upload through to the app, which answers for itself', async () => {
		const limit = /client_max_body_size (\d+)m;/.exec(readFileSync(CONFIG, 'utf8'));
		expect(Number(limit?.[1]) * 1024 * 1024).toBeGreaterThanOrEqual(Math.max(...Object.values(uploadRoutes)));
		// 12 MB to a scan upload (limit 11 MB): refused by the app in Chinese, not by nginx.
		const res = await fetch(`${front}/development/people/1`, {
			method: 'POST',
			headers: { origin: front, cookie: instructor.cookie, 'content-type': 'application/octet-stream' },
			body: new Uint8Array(12 * 1024 * 1024)
		});
		expect(res.status).toBe(413);
		expect(await res.text()).toContain('提交的内容过大');
	});
});
