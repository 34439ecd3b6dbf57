import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema';
import { prepared } from '../db/prepared';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_COOKIE = 'dx_session';
const SESSION_DAYS = 30;

export function generateSessionToken() {
	const bytes = crypto.getRandomValues(new Uint8Array(20));
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** Only the token's SHA-256 is stored: a leaked table does not yield live cookies. */
export function sessionIdOf(token: string) {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(db: Kysely<Database>, token: string, personId: number) {
	const session = { id: sessionIdOf(token), personId, expiresAt: new Date(Date.now() + SESSION_DAYS * DAY) };
	await db.insertInto('authSession').values(session).execute();
	return session;
}

export interface RoleGrant {
	role: Role;
	orgUnitId: number;
	orgPath: string;
	orgName: string;
	orgKind: string;
}

// Every request runs this: prepared once (src/lib/server/db/prepared.ts).
const sessionRow = prepared((db: Kysely<Database>, sessionId: string) =>
	db
		.selectFrom('authSession as s')
		.innerJoin('person as p', 'p.id', 's.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select((eb) => [
			's.id as sessionId',
			's.expiresAt',
			'p.id',
			'p.username',
			'p.name',
			'p.orgUnitId',
			'o.path as orgPath',
			'o.name as orgName',
			'p.politicalStatus',
			'p.mustChangePassword',
			'p.isActive',
			jsonArrayFrom(
				eb
					.selectFrom('roleAssignment as r')
					.innerJoin('orgUnit as ro', 'ro.id', 'r.orgUnitId')
					.select(['r.role', 'r.orgUnitId', 'ro.path as orgPath', 'ro.name as orgName', 'ro.kind as orgKind'])
					.whereRef('r.personId', '=', 'p.id')
					.orderBy('r.id')
			).as('roles')
		])
		.where('s.id', '=', sessionId)
);

export async function validateSessionToken(db: Kysely<Database>, token: string) {
	const row = await sessionRow.first(db, sessionIdOf(token));
	if (!row) return null;
	const now = Date.now();
	if (now >= row.expiresAt.getTime() || !row.isActive) {
		await db.deleteFrom('authSession').where('id', '=', row.sessionId).execute();
		return null;
	}
	let expiresAt = row.expiresAt;
	// Sliding expiry: renew when less than half the lifetime is left.
	if (expiresAt.getTime() - now < (SESSION_DAYS / 2) * DAY) {
		expiresAt = new Date(now + SESSION_DAYS * DAY);
		await db.updateTable('authSession').set({ expiresAt }).where('id', '=', row.sessionId).execute();
	}
	const { sessionId, isActive: _active, expiresAt: _old, roles, ...user } = row;
	return {
		session: { id: sessionId, expiresAt, renewed: expiresAt !== row.expiresAt },
		user: { ...user, roles: roles as RoleGrant[] }
	};
}

export type SessionValidation = NonNullable<Awaited<ReturnType<typeof validateSessionToken>>>;
export type AuthUser = SessionValidation['user'];

export async function invalidateSession(db: Kysely<Database>, sessionId: string) {
	await db.deleteFrom('authSession').where('id', '=', sessionId).execute();
}

export async function invalidateAllSessions(db: Kysely<Database>, personId: number) {
	await db.deleteFrom('authSession').where('personId', '=', personId).execute();
}
