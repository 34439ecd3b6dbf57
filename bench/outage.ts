// npm run bench:outage — PostgreSQL stopped for 10 s (BENCH_OUTAGE_MS) under the production
// server (scripts/serve.js on build/): how long pages and /healthz take to answer meanwhile, and
// how soon pages work again once PostgreSQL is back. Prints one JSON object last.
// The pass/fail bounds are in src/lib/server/db/outage.test.ts.
import { openPostgres } from '../src/lib/server/db/engine';
import { startThrowawayPostgres } from '../src/lib/server/db/throwaway-postgres';
import { ensureBuild, serveBuild } from '../src/lib/server/http/serve-build';
import { outageDrill, summarize } from '../src/lib/server/http/outage-drill';
import { createSession, generateSessionToken } from '../src/lib/server/auth/session';
import { insertOrgUnit } from '../src/lib/server/org/units';

const log = (message: string) => console.error(`[bench] ${message}`);
if (process.env.BENCH_BUILD !== '0') ensureBuild();
const pg = await startThrowawayPostgres();
let server: Awaited<ReturnType<typeof serveBuild>> | undefined;
try {
	log(`PostgreSQL 15 on ${pg.url}; starting the server`);
	server = await serveBuild({ DATABASE_URL: pg.url });
	const db = openPostgres(pg.url, 1);
	const orgUnitId = (await insertOrgUnit(db.db, { parentId: null, kind: 'committee', name: '停库测试党委', code: 'OUT' })).id;
	const person = await db.db
		.insertInto('person')
		.values({ username: 'outage', name: '停库测试', gender: 'female', orgUnitId, mustChangePassword: false })
		.returning('id')
		.executeTakeFirstOrThrow();
	const token = generateSessionToken();
	await createSession(db.db, token, person.id);
	await db.close();
	log('stopping PostgreSQL');
	const drill = await outageDrill({ base: server.base, cookie: `dx_session=${token}`, pg, outageMs: Number(process.env.BENCH_OUTAGE_MS ?? 10_000) });
	const summary = summarize(drill);
	if (summary.recovery_ms === null || process.env.BENCH_SERVER_LOG) console.error(server.output());
	const errors = drill.pages.filter((p) => p.status !== 503 && p.status !== 200);
	if (errors.length) console.error(`[bench] unexpected answers: ${JSON.stringify(errors.slice(0, 3))}`);
	console.log(JSON.stringify(summary));
} finally {
	await server?.kill();
	pg.destroy();
}
