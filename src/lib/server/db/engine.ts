import { CamelCasePlugin, Kysely, type KyselyConfig } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import postgres, { type Sql } from 'postgres';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from './schema';
import { PostgresJsDialect } from './postgres-driver';
import { connectionTimeouts, reconnectBackoff } from './config';
import { createDataDir } from './pglite-dir.js';

export type Db = Kysely<Database>;
export type Engine = 'postgresql' | 'pglite';

export interface OpenDatabase {
	db: Db;
	engine: Engine;
	close(): Promise<void>;
}

// Both engines must hand the app the same JS types: dates as 'YYYY-MM-DD' strings
// (a calendar date has no time zone), int8 and numeric as numbers.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const toNumber = (v: string) => (v === null ? v : Number(v));
const asIs = (v: string) => v;

/** DB_LOG=1 prints every statement with its duration (finding N+1s and slow pages). */
function queryLog(): KyselyConfig['log'] {
	if (process.env.DB_LOG !== '1') return undefined;
	return (event) => console.error(`[sql ${event.queryDurationMillis.toFixed(1)} ms] ${event.query.sql.replace(/\s+/g, ' ').slice(0, 300)}`);
}

/**
 * `postgres://user@localhost:5432/db?host=/var/run/postgresql` (libpq's `host` parameter):
 * connect through the Unix socket in that directory; the port names the socket file.
 * When PostgreSQL runs on the same machine, a socket costs less per query than TCP.
 */
function socketOf(url: string): { url: string; host?: string } {
	const parsed = new URL(url);
	const host = parsed.searchParams.get('host');
	if (!host?.startsWith('/')) return { url };
	parsed.searchParams.delete('host'); // postgres.js would send it to the server as a setting
	return { url: parsed.toString(), host };
}

// Queries are pipelined (several in flight per connection), so a few connections carry the load:
// on the 2-core machine of bench/, 4 connections served 35–40% more lesson pages and heartbeats
// than 10, and 25 fewer still (more PostgreSQL backends competing for the same cores).
// DB_POOL_SIZE connections carry plain queries (one lane each, see postgres-driver.ts) and as many
// again serve transactions (DB_TRANSACTION_POOL_SIZE), so a burst of transactions never holds up
// page queries.
const DEFAULT_POOL_SIZE = 4;

export function openPostgres(url: string, size = Number(process.env.DB_POOL_SIZE ?? DEFAULT_POOL_SIZE)): OpenDatabase {
	const { url: address, host } = socketOf(url);
	const timeouts = connectionTimeouts();
	let closed: ((pool: Sql) => void) | undefined;
	const connect = (max: number) => {
		const pool: Sql = postgres(address, {
			...(host && { host }),
			max,
			connect_timeout: timeouts.connect,
			backoff: reconnectBackoff,
			onclose: () => closed?.(pool),
			onnotice: () => {},
			types: {
				int8: { to: INT8, from: [INT8], serialize: (x: number) => String(x), parse: toNumber },
				numeric: { to: NUMERIC, from: [NUMERIC], serialize: (x: number) => String(x), parse: toNumber },
				date: { to: DATE, from: [DATE], serialize: (x: string) => x, parse: asIs }
			}
		});
		return pool;
	};
	const lanes = Array.from({ length: Math.max(1, size) }, () => connect(1));
	const transactions = connect(Math.max(1, Number(process.env.DB_TRANSACTION_POOL_SIZE ?? size)));
	const db = new Kysely<Database>({
		dialect: new PostgresJsDialect({ lanes, transactions, queueTimeoutMs: timeouts.queue * 1000, whenClosed: (listener) => (closed = listener) }),
		plugins: [new CamelCasePlugin()],
		log: queryLog()
	});
	return { db, engine: 'postgresql', close: () => db.destroy() };
}

export function pgliteParsers() {
	return { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: asIs };
}

/**
 * PGlite's buffer pool (PGLITE_SHARED_BUFFERS, PostgreSQL's shared_buffers). PostgreSQL's default
 * of 128MB is all touched when PGlite starts, so it is resident from the first second; the
 * embedded database is one school's trial or a developer's, far smaller, and the operating
 * system's page cache still holds the rest of its files.
 */
export function pgliteStartParams(env: NodeJS.ProcessEnv = process.env) {
	const sharedBuffers = env.PGLITE_SHARED_BUFFERS?.trim() || DEFAULT_PGLITE_SHARED_BUFFERS;
	return [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`];
}
const DEFAULT_PGLITE_SHARED_BUFFERS = '16MB';

/** dataDir undefined = in memory. `loadDataDir` starts from a dump (fast test setup). */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<OpenDatabase & { pglite: PGlite }> {
	// A new database is made in a child process (pglite-dir.js): initdb in this one stays resident.
	if (dataDir && !loadDataDir) await createDataDir(dataDir);
	const pglite = await PGlite.create({ dataDir, loadDataDir, parsers: pgliteParsers(), startParams: pgliteStartParams() });
	const db = new Kysely<Database>({
		dialect: new PGliteDialect(pglite),
		plugins: [new CamelCasePlugin()],
		log: queryLog()
	});
	return { db, engine: 'pglite', pglite, close: () => db.destroy() };
}
