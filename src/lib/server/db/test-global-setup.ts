import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import postgres from 'postgres';
import { openPglite, openPostgres } from './engine';
import { migrateToLatest } from './migrate';

// Migrating costs seconds; do it once per run and give every test file a copy:
// a PGlite data-dir dump, or a PostgreSQL template database.
export default async function setup(project: TestProject) {
	const url = process.env.TEST_DATABASE_URL;
	if (url) {
		const template = `dx_template_${process.pid}`;
		const admin = postgres(url, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${template}`);
		await admin.unsafe(`create database ${template}`);
		const target = withDatabase(url, template);
		const opened = openPostgres(target, 1);
		await migrateToLatest(opened.db);
		await opened.close();
		project.provide('testDb', { engine: 'postgresql', url, template });
		return async () => {
			await admin.unsafe(`drop database if exists ${template}`);
			await admin.end();
		};
	}
	const opened = await openPglite();
	await migrateToLatest(opened.db);
	const dump = await opened.pglite.dumpDataDir('gzip');
	await opened.close();
	const dir = await mkdtemp(join(tmpdir(), 'dx-test-'));
	const file = join(dir, 'migrated.tar.gz');
	await writeFile(file, Buffer.from(await dump.arrayBuffer()));
	project.provide('testDb', { engine: 'pglite', dump: file });
	return () => rm(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, name: string) {
	const u = new URL(url);
	u.pathname = `/${name}`;
	return u.toString();
}

declare module 'vitest' {
	export interface ProvidedContext {
		testDb:
			| { engine: 'postgresql'; url: string; template: string }
			| { engine: 'pglite'; dump: string };
	}
}
