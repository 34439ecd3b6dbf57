// Runs before the e2e server starts: gives it an empty database so the demo seed runs.
// PostgreSQL (E2E_DATABASE_URL): drop and recreate that database. PGlite: delete PGLITE_DIR.
import { rm } from 'node:fs/promises';
import postgres from 'postgres';

const url = process.env.E2E_DATABASE_URL;
if (url) {
	const target = new URL(url);
	const name = decodeURIComponent(target.pathname.slice(1));
	// This drops a database: refuse anything that does not look like a throwaway e2e one.
	if (!/^[a-z0-9_]*e2e[a-z0-9_]*$/.test(name)) {
		console.error(`reset-db: refusing to drop "${name}": E2E_DATABASE_URL must name a database whose name contains "e2e"`);
		process.exit(1);
	}
	const admin = new URL(url);
	admin.pathname = '/postgres';
	const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
	try {
		await sql.unsafe(`drop database if exists "${name}" with (force)`);
		await sql.unsafe(`create database "${name}"`);
	} finally {
		await sql.end();
	}
	console.log(`reset-db: recreated PostgreSQL database ${name}`);
} else if (process.env.PGLITE_DIR) {
	await rm(process.env.PGLITE_DIR, { recursive: true, force: true });
	console.log(`reset-db: emptied ${process.env.PGLITE_DIR}`);
}
// Audit checkpoints belong to one database: the fresh one starts a fresh file.
if (process.env.AUDIT_CHECKPOINT_FILE) await rm(process.env.AUDIT_CHECKPOINT_FILE, { force: true });
