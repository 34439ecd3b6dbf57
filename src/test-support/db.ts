import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openPglite, openPostgres, type OpenDatabase } from '$lib/server/db/engine';
import { withDatabase } from '$lib/server/db/test-global-setup';

/**
 * A fresh, migrated database for one test file, on the engine the run uses
 * (PGlite by default, PostgreSQL when TEST_DATABASE_URL is set).
 */
export async function testDatabase(): Promise<OpenDatabase> {
	const config = inject('testDb');
	if (config.engine === 'pglite') {
		const dump = new Blob([await readFile(config.dump)]);
		return openPglite(undefined, dump);
	}
	const name = `dx_t_${randomBytes(6).toString('hex')}`;
	const admin = postgres(config.url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name} template ${config.template}`);
	const opened = openPostgres(withDatabase(config.url, name), 5);
	return {
		...opened,
		async close() {
			await opened.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}
