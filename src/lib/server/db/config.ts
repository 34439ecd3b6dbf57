import { resolve } from 'node:path';

/** Where the database lives. Read from the environment so scripts and the server agree. */
export function databaseConfig(env: NodeJS.ProcessEnv = process.env) {
	const url = env.DATABASE_URL?.trim();
	if (url) return { engine: 'postgresql' as const, url };
	return { engine: 'pglite' as const, dataDir: resolve(env.PGLITE_DIR ?? 'data/pglite') };
}

/**
 * The streaming replica that lag-tolerant pages read (DATABASE_READ_URL), or undefined: then
 * they read the primary. A replica only exists beside a PostgreSQL primary, never PGlite.
 */
export function readReplicaUrl(env: NodeJS.ProcessEnv = process.env) {
	const url = env.DATABASE_READ_URL?.trim();
	if (!url) return undefined;
	if (!env.DATABASE_URL?.trim()) throw new Error('设置了 DATABASE_READ_URL（只读副本），但没有设置 DATABASE_URL：副本只能配合 PostgreSQL 主库使用');
	return url;
}

const seconds = (value: string | undefined, fallback: number) => {
	const n = Number(value);
	return value?.trim() && Number.isFinite(n) && n >= 0 ? n : fallback;
};

/**
 * How long a request may wait on PostgreSQL that does not answer, in seconds: one connect
 * attempt (DB_CONNECT_TIMEOUT), and a query's wait for a connection (DB_QUEUE_TIMEOUT; 0 = no
 * limit). Short, so that while the database is down pages answer 503 in seconds, not minutes.
 */
export function connectionTimeouts(env: NodeJS.ProcessEnv = process.env) {
	return { connect: seconds(env.DB_CONNECT_TIMEOUT, 3), queue: seconds(env.DB_QUEUE_TIMEOUT, 3) };
}

/**
 * Seconds before postgres.js tries a failed connection again. Its own backoff grows to 20 s,
 * so service came back 8.7 s after PostgreSQL did; this one stays at half a second.
 */
export const reconnectBackoff = (retries: number) => Math.min(0.05 * 2 ** retries, 0.5);

export const PGLITE_WARNING =
	'嵌入式数据库（PGlite）不执行 fsync，断电或崩溃可能丢失已确认的写入：仅用于试用和开发，生产环境请使用 PostgreSQL（设置 DATABASE_URL）。';
