import { mkdirSync } from 'node:fs';
import { databaseConfig } from './config';
import { openPglite, openPostgres, type OpenDatabase } from './engine';

export type { Db } from './engine';

let opened: Promise<OpenDatabase> | undefined;

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

export async function closeDatabase() {
	if (!opened) return;
	const current = opened;
	opened = undefined;
	await (await current).close();
}
