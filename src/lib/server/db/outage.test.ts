// PostgreSQL stopped for 10 s under the production server: pages answer 503 with a Chinese
// message within seconds (they used to hang for up to 23.5 s), /healthz answers 503 at once
// (it used to hang), and pages work again soon after PostgreSQL is back (it took 8.7 s).
// The test runs its own PostgreSQL 15, since it stops it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type OpenDatabase } from './engine';
import { assertThrowawayPostgresInCi, canRunThrowawayPostgres, startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres';
import { ensureBuild, serveBuild, type ServedBuild } from '../http/serve-build';
import { outageDrill, summarize, type Drill } from '../http/outage-drill';
import { createSession, generateSessionToken } from '../auth/session';
import { insertOrgUnit } from '../org/units';
import { DATABASE_UNAVAILABLE_MESSAGE } from './unavailable';

assertThrowawayPostgresInCi();

describe.skipIf(!canRunThrowawayPostgres())('PostgreSQL down under the production server', () => {
	let pg: ThrowawayPostgres;
	let server: ServedBuild;
	let db: OpenDatabase;
	let cookie: string;
	let drill: Drill;

	beforeAll(async () => {
		ensureBuild();
		pg = await startThrowawayPostgres();
		server = await serveBuild({ DATABASE_URL: pg.url });
		db = openPostgres(pg.url, 1);
		const orgUnitId = (await insertOrgUnit(db.db, { parentId: null, kind: 'committee', name: '停库测试党委', code: 'OUT' })).id;
		const person = await db.db
			.insertInto('person')
			.values({ username: 'outage', name: '停库测试', gender: 'female', orgUnitId, mustChangePassword: false })
			.returning('id')
			.executeTakeFirstOrThrow();
		const token = generateSessionToken();
		await createSession(db.db, token, person.id);
		cookie = `dx_session=${token}`;
		expect((await fetch(`${server.base}/`, { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
		drill = await outageDrill({ base: server.base, cookie, pg });
		console.log(`[outage] ${JSON.stringify(summarize(drill))}`);
	}, 240_000);

	afterAll(async () => {
		await db?.close();
		await server?.kill();
		pg?.destroy();
	});

	it('answers every page 503 with a Chinese message within 5 s while the database is down', () => {
		const bad = drill.pages.filter((s) => s.status !== 503 || s.ms >= 5000 || !s.body.includes(DATABASE_UNAVAILABLE_MESSAGE));
		expect(bad.map(({ path, status, ms }) => ({ path, status, ms: Math.round(ms) }))).toEqual([]);
		expect(drill.pages.length).toBeGreaterThan(100);
		expect(drill.straddling).toBeLessThan(10);
	});

	it('answers /healthz 503 {"ok":false} within 1.5 s while the database is down', () => {
		const bad = drill.healthz.filter((s) => s.status !== 503 || s.ms >= 1500 || s.body !== '{"ok":false}');
		expect(bad.map(({ status, ms, body }) => ({ status, ms: Math.round(ms), body }))).toEqual([]);
	});

	it('serves pages again within 3 s of the database coming back, transactions included', async () => {
		expect(drill.recoveryMs).toBeLessThan(3000);
		expect((await fetch(`${server.base}/`, { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
		// A sign-in runs its throttling in a transaction: a wrong password is refused, not a 500.
		const login = await fetch(`${server.base}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: server.base, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'username=outage&password=wrong-password'
		});
		expect(login.status).toBeLessThan(500);
		expect(await login.text()).toContain('学号/工号或密码不正确');
		expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
	});
});
