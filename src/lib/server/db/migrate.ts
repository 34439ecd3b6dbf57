import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from '../../../../migrations/index';

function migrator(db: Kysely<any>) {
	return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function unwrap({ error, results }: MigrationResultSet) {
	if (error) throw error instanceof Error ? error : new Error(String(error));
	return (results ?? []).map((r) => `${r.migrationName}: ${r.status}`);
}

export async function migrateToLatest(db: Kysely<any>) {
	return unwrap(await migrator(db).migrateToLatest());
}

export async function rollbackOne(db: Kysely<any>) {
	return unwrap(await migrator(db).migrateDown());
}

export async function migrationState(db: Kysely<any>) {
	const all = await migrator(db).getMigrations();
	const applied = all.filter((m) => m.executedAt).map((m) => m.name);
	const pending = all.filter((m) => !m.executedAt).map((m) => m.name);
	return { applied, pending, latest: applied.at(-1) ?? null };
}
