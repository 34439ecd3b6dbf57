import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import type { RequestHandler } from './$types';
import { database } from '$lib/server/db';
import { migrationState } from '$lib/server/db/migrate';
import { draining } from '$lib/server/http/in-flight';
import { mayReadHealthDetails } from '$lib/server/http/health-details';
import { socketAddress } from '$lib/server/http/client-address';

// A health check must answer before the proxy's own timeout, whatever the database does.
const CHECK_MS = 800;

async function report() {
	const { db, engine } = await database();
	if (draining()) return { ok: false, status: 'draining', database: { engine } };
	try {
		const check = (async () => {
			await sql`select 1`.execute(db);
			return migrationState(db);
		})();
		const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`数据库 ${CHECK_MS} ms 内未响应`)), CHECK_MS).unref());
		const migrations = await Promise.race([check, timeout]);
		const ok = migrations.pending.length === 0;
		return { ok, status: ok ? 'ok' : 'migrations_pending', database: { engine, reachable: true }, migrations };
	} catch (e) {
		const cause = (e as Error).cause as Error | undefined;
		const error = cause?.message ? `${(e as Error).message}（${cause.message}）` : (e as Error).message;
		return { ok: false, status: 'error', database: { engine, reachable: false, error } };
	}
}

export const GET: RequestHandler = async (event) => {
	const health = await report();
	const details = mayReadHealthDetails({ socketAddress: socketAddress(event), headers: event.request.headers });
	return json(details ? health : { ok: health.ok }, { status: health.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
