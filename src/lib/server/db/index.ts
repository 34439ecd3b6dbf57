import { mkdirSync } from 'node:fs';
import { databaseConfig, readReplicaUrl } from './config';
import { openPglite, openPostgres, type Db, type OpenDatabase } from './engine';

export type { Db } from './engine';

let opened: Promise<OpenDatabase> | undefined;
let openedRead: Promise<OpenDatabase | undefined> | undefined;

/** The process's one database (PGlite must be opened once per process). */
export function database(): Promise<OpenDatabase> {
	opened ??= (async () => {
		const config = databaseConfig();
		if (config.engine === 'postgresql') return openPostgres(config.url);
		mkdirSync(config.dataDir, { recursive: true });
		return openPglite(config.dataDir);
	})();
	return opened;
}

/**
 * What lag-tolerant reads use (see read.ts): the streaming replica of DATABASE_READ_URL, or the
 * primary itself when there is none. Its pools are the replica's own, so an export's long
 * query there holds up nothing on the primary.
 */
export async function readDatabase(): Promise<Db> {
	openedRead ??= (async () => {
		const url = readReplicaUrl();
		return url ? openPostgres(url, Number(process.env.DB_READ_POOL_SIZE ?? process.env.DB_POOL_SIZE ?? 4)) : undefined;
	})();
	return (await openedRead)?.db ?? (await database()).db;
}

export async function closeDatabase() {
	const current = [opened, openedRead];
	opened = openedRead = undefined;
	for (const one of current) await (await one)?.close();
}
