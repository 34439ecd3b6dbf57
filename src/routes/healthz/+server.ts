import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import type { RequestHandler } from './$types';
import { database } from '$lib/server/db';
import { migrationState } from '$lib/server/db/migrate';

export const GET: RequestHandler = async () => {
	const { db, engine } = await database();
	try {
		await sql`select 1`.execute(db);
		const migrations = await migrationState(db);
		const ok = migrations.pending.length === 0;
		return json(
			{ status: ok ? 'ok' : 'migrations_pending', database: { engine, reachable: true }, migrations },
			{ status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
		);
	} catch (e) {
		return json(
			{ status: 'error', database: { engine, reachable: false, error: (e as Error).message } },
			{ status: 503, headers: { 'cache-control': 'no-store' } }
		);
	}
};
