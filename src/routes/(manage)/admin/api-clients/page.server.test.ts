import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { testDatabase } from '../../../../test-support/db';
import type { OpenDatabase } from '$lib/server/db/engine';
import { buildSchool } from '../../../../test-support/cohorts';
import { runAction, runLoad } from '../../../../test-support/load';
import { newIdempotencyKey, IDEMPOTENCY_FIELD } from '$lib/forms/idempotency-key';
import { apiTokenHash, TOKEN_PATTERN } from '$lib/server/api-clients/tokens';
import { actions, load } from './+page.server';

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildSchool>>;
beforeAll(async () => {
	t = await testDatabase();
	s = await buildSchool(t.db);
});
afterAll(() => t.close());

const path = '/admin/api-clients';
const clients = async () => Number((await t.db.selectFrom('apiClient').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
async function refusal(p: unknown) {
	try {
		await p;
	} catch (e) {
		if (isHttpError(e)) return { status: e.status, message: e.body.message };
		throw e;
	}
	return null;
}

describe('the API token page', () => {
	it('refuses everyone but the school admin, to look and to act, and creates nothing', async () => {
		const fields = { name: '学工系统', orgUnitId: String(s.units.cs.id), requestsPerMinute: '60' };
		for (const user of [s.users.organizer, s.users.secretary, s.users.instructor, s.learners.a1]) {
			expect(await refusal(runLoad(load, { db: t.db, user, path })), user.username).toEqual({ status: 403, message: '只有组织部/党校管理员可以管理接口令牌' });
			expect(await refusal(runAction(actions.create, { db: t.db, user, path, fields })), user.username).toMatchObject({ status: 403 });
			expect(await refusal(runAction(actions.revoke, { db: t.db, user, path, fields: { clientId: '1' } })), user.username).toMatchObject({ status: 403 });
		}
		expect(await clients()).toBe(0);
	});

	it('shows a new token once, keeps only its hash, and a double post creates one client without showing it again', async () => {
		const key = newIdempotencyKey();
		const fields = { name: '党员信息系统', orgUnitId: [String(s.units.csUg1.id), String(s.units.med.id)], requestsPerMinute: '30', [IDEMPOTENCY_FIELD]: key };
		const first = (await runAction(actions.create, { db: t.db, user: s.users.admin, path, fields })) as { token: string | null; createdId: number };
		expect(first.token).toMatch(TOKEN_PATTERN);
		const again = (await runAction(actions.create, { db: t.db, user: s.users.admin, path, fields })) as { token: string | null; createdId: number };
		expect(again).toMatchObject({ token: null, createdId: first.createdId });
		expect(await clients()).toBe(1);
		const row = await t.db.selectFrom('apiClient').selectAll().executeTakeFirstOrThrow();
		expect(row.tokenHash).toBe(apiTokenHash(first.token!));
		const kept = await t.db.selectFrom('idempotencyKey').select('result').where('key', '=', key).executeTakeFirstOrThrow();
		expect(JSON.stringify(kept)).not.toContain(first.token!);
		const page = (await runLoad(load, { db: t.db, user: s.users.admin, path })) as { clients: { units: string; revokedAt: Date | null }[] };
		expect(page.clients[0].units).toBe('计算机本科第一支部、医学院党总支');
	});

	it('refuses a bad form with a Chinese 400 and creates nothing', async () => {
		const before = await clients();
		const bad: Record<string, string | string[]>[] = [
			{ name: '', orgUnitId: String(s.units.cs.id), requestsPerMinute: '60' },
			{ name: '系统', requestsPerMinute: '60' },
			{ name: '系统', orgUnitId: 'abc', requestsPerMinute: '60' },
			{ name: '系统', orgUnitId: '999999', requestsPerMinute: '60' },
			{ name: '系统', orgUnitId: String(s.units.cs.id), requestsPerMinute: '0' },
			{ name: '系统', orgUnitId: String(s.units.cs.id), requestsPerMinute: '1.5' }
		];
		for (const fields of bad) {
			const r = (await runAction(actions.create, { db: t.db, user: s.users.admin, path, fields })) as { status: number; data: { message: string } };
			expect(r.status, JSON.stringify(fields)).toBe(400);
			expect(r.data.message).toMatch(/[\u4e00-\u9fff]/);
		}
		const r = (await runAction(actions.revoke, { db: t.db, user: s.users.admin, path, fields: { clientId: 'x' } })) as { status: number };
		expect(r.status).toBe(400);
		expect(await clients()).toBe(before);
	});
});
