// The production server (scripts/serve.js) as a proxy sees it: /healthz tells the public only
// whether the instance is fine, and on SIGTERM the instance drains — /healthz answers 503 while
// requests are still served — and exits within about 8 s even when a client holds a request
// open (adapter-node's default let one slow client hold the exit for 31.8 s).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { ensureBuild, serveBuild, type ServedBuild } from './serve-build';
import { withDatabase } from '../db/test-global-setup';

const TOKEN = 'healthz-test-token';
let server: ServedBuild;
let cleanup: () => Promise<void>;

/** The run's engine: a fresh database on TEST_DATABASE_URL's server, or PGlite in a temporary folder. */
async function databaseEnv(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
	const url = process.env.TEST_DATABASE_URL;
	if (!url) {
		const dir = mkdtempSync(join(tmpdir(), 'dx-shutdown-'));
		return { env: { DATABASE_URL: '', PGLITE_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
	}
	const name = `dx_shutdown_${randomBytes(4).toString('hex')}`;
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	return {
		env: { DATABASE_URL: withDatabase(url, name) },
		drop: async () => {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}

beforeAll(async () => {
	ensureBuild();
	const database = await databaseEnv();
	server = await serveBuild({ ...database.env, HEALTHZ_TOKEN: TOKEN });
	cleanup = database.drop;
}, 300_000);
afterAll(async () => {
	await server?.kill();
	await cleanup?.();
});

const healthz = (headers: Record<string, string> = {}) => fetch(`${server.base}/healthz`, { headers });

describe('/healthz', () => {
	it('tells the public only {"ok":true}: no engine, migrations or errors', async () => {
		const res = await healthz({ 'x-forwarded-for': '203.0.113.9' });
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(await res.text()).toBe('{"ok":true}');
	});

	it('gives the details to a request from this machine, judged by its socket', async () => {
		const res = await healthz();
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body).toMatchObject({ ok: true, status: 'ok', database: { reachable: true } });
		expect(body.migrations.pending).toEqual([]);
	});

	it('gives the details through a proxy only with Authorization: Bearer $HEALTHZ_TOKEN', async () => {
		const withToken = await healthz({ 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${TOKEN}` });
		expect((await withToken.json()).migrations).toBeDefined();
		const wrong = await healthz({ 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer not-the-token' });
		expect(await wrong.text()).toBe('{"ok":true}');
	});
});

describe('SIGTERM', () => {
	it('drains: /healthz 503 while requests are still served, and exit within ~8 s despite a slow client', async () => {
		// A client that sends its upload's first bytes and then nothing more.
		const port = Number(new URL(server.base).port);
		const slow = connect(port, '127.0.0.1');
		slow.on('error', () => {});
		await new Promise<void>((resolve) => slow.once('connect', () => resolve()));
		slow.write(`POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${server.base}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nusername=`);
		await new Promise((r) => setTimeout(r, 300));

		const signalled = Date.now();
		server.child.kill('SIGTERM');
		await new Promise((r) => setTimeout(r, 300));
		const publicHealth = await healthz({ 'x-forwarded-for': '203.0.113.9' });
		expect(publicHealth.status).toBe(503);
		expect(await publicHealth.text()).toBe('{"ok":false}');
		expect(await (await healthz()).json()).toMatchObject({ ok: false, status: 'draining' });
		// A request the proxy sent before it noticed is still answered, and closes its connection.
		const page = await fetch(`${server.base}/login`);
		expect(page.status).toBe(200);
		expect(page.headers.get('connection')).toBe('close');

		const { at } = await Promise.race([server.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running 20 s after SIGTERM:\n${server.output()}`)), 20_000))]);
		slow.destroy();
		expect(at - signalled).toBeLessThan(8500);
	}, 60_000);
});
