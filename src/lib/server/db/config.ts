import { resolve } from 'node:path';

/** Where the database lives. Read from the environment so scripts and the server agree. */
export function databaseConfig(env: NodeJS.ProcessEnv = process.env) {
	const url = env.DATABASE_URL?.trim();
	if (url) return { engine: 'postgresql' as const, url };
	return { engine: 'pglite' as const, dataDir: resolve(env.PGLITE_DIR ?? 'data/pglite') };
}

export const PGLITE_WARNING =
	'嵌入式数据库（PGlite）不执行 fsync，断电或崩溃可能丢失已确认的写入：仅用于试用和开发，生产环境请使用 PostgreSQL（设置 DATABASE_URL）。';
