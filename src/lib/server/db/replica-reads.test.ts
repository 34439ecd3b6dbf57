// The queries behind the pages that read the replica (fromReplica in read.ts: the development
// board and people export, branch completion, cohort lists, the audit log, the roster export)
// run on a hot standby and answer there what they answer on the primary. A standby refuses any
// write, so a read that secretly writes (a lazily created row, a "last viewed" update, a lock)
// fails here. On .ci/run's pair, or on one of this file's own; where PostgreSQL 15 cannot run
// (never in CI) the same queries run twice on the run's database, and the test says so by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openPostgres, type OpenDatabase } from './engine';
import { migrateToLatest } from './migrate';
import { withDatabase } from './test-global-setup';
import { replicaPair, replayed } from './throwaway-replica';
import { testDatabase } from '../../../test-support/db';
import { seedDemo } from '../demo/seed';
import { seedDemoDevelopment } from '../development/histories/demo';
import { rulesInEffect } from '../development/settings/rules-in-effect';
import { assessPeople, boardPage, pipelinePeople } from '../development/reports/board';
import { branchRows } from '../completion/branch';
import { listCohorts } from '../cohorts/repository';
import { cohortViewPaths } from '../cohorts/access';
import { cohortProgress } from '../cohorts/progress';
import { auditInScope } from '../audit/queries';
import { exportPeople } from '../people/export';
import { searchPeople } from '../people/repository';
import { listOrgUnits } from '../org/units';
import { appendAudit } from '../audit/log';
import { transact } from './transact';
import { createSession, generateSessionToken, validateSessionToken, type AuthUser } from '../auth/session';

const pair = await replicaPair();
let primary: OpenDatabase;
let standby: OpenDatabase;
let close: () => Promise<void>;
let admin: AuthUser;
let root: string;
const now = new Date('2026-11-26T02:00:00Z');

beforeAll(async () => {
	if (pair) {
		// A database of this file's own on the primary; the standby has it once replayed.
		const name = `dx_replica_${randomBytes(5).toString('hex')}`;
		const server = postgres(pair.primaryUrl, { max: 1, onnotice: () => {} });
		await server.unsafe(`create database ${name}`);
		primary = openPostgres(withDatabase(pair.primaryUrl, name), 4);
		await migrateToLatest(primary.db);
		standby = openPostgres(withDatabase(pair.standbyUrl, name), 4);
		close = async () => {
			await standby.close();
			await primary.close();
			await server.unsafe(`drop database if exists ${name} with (force)`);
			await server.end();
			pair.destroy();
		};
	} else {
		primary = standby = await testDatabase();
		close = () => primary.close();
	}
	await seedDemo(primary.db);
	await seedDemoDevelopment(primary.db);
	const person = await primary.db.selectFrom('person').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
	const token = generateSessionToken();
	await createSession(primary.db, token, person.id);
	admin = (await validateSessionToken(primary.db, token))!.user;
	// The demo's own entries are about development records; the list shows people and units.
	await transact(primary.db, (trx) => appendAudit(trx, { actorId: person.id, action: 'person.update', entityType: 'person', entityId: person.id, after: { name: '组织部管理员' } }));
	root = (await primary.db.selectFrom('orgUnit').select('path').where('parentId', 'is', null).executeTakeFirstOrThrow()).path;
	if (pair) await replayed(primary.db, standby.db);
}, 180_000);
afterAll(() => close?.());

/** The same read on both; the standby's answer must be the primary's, and not empty. */
async function same<T>(read: (db: OpenDatabase['db']) => Promise<T>) {
	const [onPrimary, onStandby] = [await read(primary.db), await read(standby.db)];
	expect(onStandby).toEqual(onPrimary);
	return onStandby;
}

describe(pair ? 'lag-tolerant reads on a hot standby' : 'lag-tolerant reads (PostgreSQL 15 cannot run here: on the run’s database only)', () => {
	it('reads from a server in recovery', async () => {
		expect((await sql<{ r: boolean }>`select pg_is_in_recovery() as r`.execute(standby.db)).rows[0].r).toBe(!!pair);
	});

	it('development board and people export', async () => {
		const people = await same(async (db) => assessPeople(db, await pipelinePeople(db, [root]), await rulesInEffect(db, now)));
		expect(people.length).toBeGreaterThan(5);
		const board = await same(async (db) => boardPage(db, [root], { orgUnitId: people[0].orgUnitId }, await rulesInEffect(db, now)));
		expect(board.total).toBeGreaterThan(0);
	});

	it('branch completion', async () => {
		expect((await same((db) => branchRows(db, [root], now))).length).toBeGreaterThan(0);
	});

	it('cohort lists and a cohort’s progress export', async () => {
		const list = await same((db) => listCohorts(db, { personId: admin.id, viewPaths: cohortViewPaths(admin), learnerPaths: [root], page: 1, pageSize: 50 }));
		expect(list.rows.length).toBeGreaterThan(0);
		const progress = await same((db) => cohortProgress(db, list.rows[0].id, { paths: [root] }));
		expect(progress.length).toBeGreaterThan(0);
	});

	it('audit log list', async () => {
		const page = await same((db) => auditInScope(db, [root], { page: 1, pageSize: 30 }));
		expect(page.rows.length).toBeGreaterThan(0);
	});

	it('people list and roster export', async () => {
		expect((await same((db) => listOrgUnits(db, [root]))).length).toBeGreaterThan(3);
		expect((await same((db) => searchPeople(db, { paths: [root], page: 1, pageSize: 50 }))).rows.length).toBeGreaterThan(5);
		expect((await same((db) => exportPeople(db, admin, { paths: [root] }))).length).toBeGreaterThan(5);
	});
});
