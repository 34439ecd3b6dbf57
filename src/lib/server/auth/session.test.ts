import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { insertOrgUnit } from '../org/units';
import {
	createSession,
	generateSessionToken,
	invalidateAllSessions,
	invalidateSession,
	sessionIdOf,
	validateSessionToken
} from './session';

const DAY = 24 * 60 * 60 * 1000;

let t: OpenDatabase;
let branch: { id: number; path: string };
let serial = 0;

beforeAll(async () => {
	t = await testDatabase();
	const school = await insertOrgUnit(t.db, { parentId: null, kind: 'committee', name: '测试党委', code: 'T-SCHOOL' });
	branch = await insertOrgUnit(t.db, { parentId: school.id, kind: 'branch', name: '测试支部', code: 'T-B1' });
});
afterAll(() => t.close());

async function person(isActive = true) {
	serial++;
	const { id } = await t.db
		.insertInto('person')
		.values({ username: `s${serial}`, name: `测试${serial}`, gender: 'male', orgUnitId: branch.id, isActive, mustChangePassword: false })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

function storedSession(id: string) {
	return t.db.selectFrom('authSession').selectAll().where('id', '=', id).executeTakeFirst();
}

describe('sessions', () => {
	it('stores the SHA-256 of the token, never the token itself', async () => {
		const personId = await person();
		const token = generateSessionToken();
		const session = await createSession(t.db, token, personId);

		expect(session.id).toBe(sessionIdOf(token));
		expect(session.id).toMatch(/^[0-9a-f]{64}$/);
		expect(await storedSession(token)).toBeUndefined();
		const row = await storedSession(session.id);
		expect(row).toMatchObject({ personId });
		expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
	});

	it('validates a token into the user with their roles and scope', async () => {
		const personId = await person();
		await t.db.insertInto('roleAssignment').values({ personId, role: 'secretary', orgUnitId: branch.id }).execute();
		const token = generateSessionToken();
		await createSession(t.db, token, personId);

		const result = await validateSessionToken(t.db, token);
		expect(result).not.toBeNull();
		expect(result!.user).toMatchObject({ id: personId, orgPath: branch.path, orgName: '测试支部' });
		expect(result!.user.roles).toEqual([
			{ role: 'secretary', orgUnitId: branch.id, orgPath: branch.path, orgName: '测试支部', orgKind: 'branch' }
		]);
		expect(result!.session.renewed).toBe(false);
	});

	it('rejects an unknown token', async () => {
		expect(await validateSessionToken(t.db, generateSessionToken())).toBeNull();
	});

	it('deletes an expired session when it is presented', async () => {
		const personId = await person();
		const token = generateSessionToken();
		const { id } = await createSession(t.db, token, personId);
		await t.db.updateTable('authSession').set({ expiresAt: new Date(Date.now() - 1000) }).where('id', '=', id).execute();

		expect(await validateSessionToken(t.db, token)).toBeNull();
		expect(await storedSession(id)).toBeUndefined();
	});

	it('deletes the session of a deactivated person', async () => {
		const personId = await person(false);
		const token = generateSessionToken();
		const { id } = await createSession(t.db, token, personId);

		expect(await validateSessionToken(t.db, token)).toBeNull();
		expect(await storedSession(id)).toBeUndefined();
	});

	it('renews a session with less than half its lifetime left, and only then', async () => {
		const personId = await person();
		const fresh = generateSessionToken();
		const old = generateSessionToken();
		await createSession(t.db, fresh, personId);
		const { id: oldId } = await createSession(t.db, old, personId);
		const twentyDays = new Date(Date.now() + 20 * DAY);
		await t.db.updateTable('authSession').set({ expiresAt: twentyDays }).where('id', '=', sessionIdOf(fresh)).execute();
		await t.db.updateTable('authSession').set({ expiresAt: new Date(Date.now() + 10 * DAY) }).where('id', '=', oldId).execute();

		const kept = await validateSessionToken(t.db, fresh);
		expect(kept!.session.renewed).toBe(false);
		expect(kept!.session.expiresAt.getTime()).toBe(twentyDays.getTime());

		const renewed = await validateSessionToken(t.db, old);
		expect(renewed!.session.renewed).toBe(true);
		expect(renewed!.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
		const row = await storedSession(oldId);
		expect(row!.expiresAt.getTime()).toBe(renewed!.session.expiresAt.getTime());
	});

	it('invalidates one session, or all sessions of one person', async () => {
		const alice = await person();
		const bob = await person();
		const a1 = generateSessionToken();
		const a2 = generateSessionToken();
		const a3 = generateSessionToken();
		const b1 = generateSessionToken();
		for (const token of [a1, a2, a3]) await createSession(t.db, token, alice);
		await createSession(t.db, b1, bob);

		await invalidateSession(t.db, sessionIdOf(a1));
		expect(await validateSessionToken(t.db, a1)).toBeNull();
		expect(await validateSessionToken(t.db, a2)).not.toBeNull();

		await invalidateAllSessions(t.db, alice);
		expect(await validateSessionToken(t.db, a2)).toBeNull();
		expect(await validateSessionToken(t.db, a3)).toBeNull();
		expect(await validateSessionToken(t.db, b1)).not.toBeNull();
		const left = await t.db.selectFrom('authSession').select('id').where('personId', '=', alice).execute();
		expect(left).toEqual([]);
	});
});
