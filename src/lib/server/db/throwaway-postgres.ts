// Test support: a PostgreSQL 15 of the test's own, which it may stop and start again (the
// outage test stops it; the shared one of TEST_DATABASE_URL must keep running for the others).
// As .ci/postgres.sh does it: initdb refuses root, so the folders belong to `postgres`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** PostgreSQL 15's server binaries are installed, and this process may run them as `postgres`. */
export function canRunThrowawayPostgres() {
	return existsSync(join(PG_BIN, 'initdb')) && process.getuid?.() === 0;
}

/** CI=true or CI=1, as CI services set it. */
export const inCi = () => !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());

/** In CI a missing PostgreSQL 15 is a failure, not a reason to test less. */
export function assertThrowawayPostgresInCi() {
	if (inCi() && !canRunThrowawayPostgres()) {
		throw new Error(`CI=${process.env.CI} but ${PG_BIN} is missing or the run is not root: install postgresql-15 (see .ci/run)`);
	}
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** Until nothing accepts connections on `port` (at most 5 s). */
async function refused(port: number) {
	const until = Date.now() + 5000;
	while (Date.now() < until) {
		const accepted = await new Promise<boolean>((resolve) => {
			const socket = connect(port, '127.0.0.1');
			socket.once('connect', () => (socket.destroy(), resolve(true)));
			socket.once('error', () => resolve(false));
		});
		if (!accepted) return;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`PostgreSQL on port ${port} still accepts connections 5 s after pg_ctl stop`);
}

const asPostgres = (command: string, args: string[]) =>
	execFileSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, command), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });

export interface ThrowawayPostgres {
	/** The server's `postgres` database over loopback TCP. */
	url: string;
	/** pg_ctl stop -m fast: connections end at once, as in a restart or a crash of the host.
	 * Resolves once the port refuses connections. */
	stop(): Promise<void>;
	start(): void;
	/** Stops the server and removes its files. */
	destroy(): void;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'dx-pg-outage-'));
	chmodSync(dir, 0o755);
	execFileSync('install', ['-d', '-o', 'postgres', '-g', 'postgres', join(dir, 'data'), join(dir, 'sock')]);
	asPostgres('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
	const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${join(dir, 'sock')} -c fsync=off -c max_connections=100`;
	const start = () => asPostgres('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'sock', 'log'), '-w', '-o', options, 'start']);
	const stop = () => asPostgres('pg_ctl', ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
	start();
	let running = true;
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		async stop() {
			stop();
			running = false;
			await refused(port);
		},
		start() {
			start();
			running = true;
		},
		destroy() {
			if (running) stop();
			running = false;
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
