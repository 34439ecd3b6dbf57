import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { ApiClient } from '../auth/authz';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';

/** Recognisable in a leaked config file or a secret scanner's rules. */
const PREFIX = 'dxapi_';
export const TOKEN_PATTERN = /^dxapi_[a-z2-7]{40}$/;

export function generateApiToken() {
	return PREFIX + encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(25)));
}

/** Only the SHA-256 is stored, as for sessions (auth/session.ts): a leaked table yields no token. */
export function apiTokenHash(token: string) {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export interface NewClient {
	name: string;
	orgUnitIds: number[];
	requestsPerMinute: number;
}

/** Creates a client and returns its token, which exists nowhere else afterwards. */
export async function createApiClient(db: Kysely<Database>, actorId: number, input: NewClient) {
	const token = generateApiToken();
	const id = await transact(db, async (trx) => {
		const { id } = await trx
			.insertInto('apiClient')
			.values({ name: input.name, tokenHash: apiTokenHash(token), requestsPerMinute: input.requestsPerMinute, createdBy: actorId })
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx.insertInto('apiClientUnit').values(input.orgUnitIds.map((orgUnitId) => ({ clientId: id, orgUnitId }))).execute();
		await appendAudit(trx, { actorId, action: 'api_client.create', entityType: 'api_client', entityId: id, after: { ...input } });
		return id;
	});
	return { id, token };
}

/** Revoking is final (a new token is a new client); revoking twice changes nothing. */
export async function revokeApiClient(db: Kysely<Database> | Transaction<Database>, actorId: number, clientId: number) {
	return transact(db, async (trx) => {
		const row = await trx
			.updateTable('apiClient')
			.set({ revokedAt: sql`now()`, revokedBy: actorId })
			.where('id', '=', clientId)
			.where('revokedAt', 'is', null)
			.returning('name')
			.executeTakeFirst();
		if (row) await appendAudit(trx, { actorId, action: 'api_client.revoke', entityType: 'api_client', entityId: clientId, before: { name: row.name } });
		return !!row;
	});
}

/** Every client with its units and the requests of the last hour, newest first. */
export function listApiClients(db: Kysely<Database>, now = new Date()) {
	const minute = Math.floor(now.getTime() / 60_000);
	return db
		.selectFrom('apiClient as c')
		.select((eb) => [
			'c.id',
			'c.name',
			'c.requestsPerMinute',
			'c.createdAt',
			'c.revokedAt',
			eb
				.selectFrom('apiClientUnit as u')
				.innerJoin('orgUnit as o', 'o.id', 'u.orgUnitId')
				.select(sql<string>`string_agg(o.name, '、' order by o.path)`.as('units'))
				.whereRef('u.clientId', '=', 'c.id')
				.as('units'),
			eb
				.selectFrom('apiClientHit as h')
				.select(sql<number>`coalesce(sum(h.hits), 0)::int`.as('n'))
				.whereRef('h.clientId', '=', 'c.id')
				.where('h.minute', '>', minute - 60)
				.as('lastHour')
		])
		.orderBy('c.id', 'desc')
		.execute();
}

export type TokenCheck =
	| { ok: false; reason: 'unknown' | 'revoked' }
	| { ok: true; client: ApiClient; hits: number; limit: number };

/**
 * Looks the token up and counts this request against its minute, in one statement: the count
 * lives in PostgreSQL, so the limit holds across every instance. A revoked token is not counted.
 */
export async function checkToken(db: Kysely<Database>, token: string, now = new Date()): Promise<TokenCheck> {
	const minute = Math.floor(now.getTime() / 60_000);
	const { rows } = await sql<{ id: number; limit: number; revoked: boolean; hits: number | null; paths: string[] | null }>`
		with c as (select id, requests_per_minute, revoked_at from api_client where token_hash = ${apiTokenHash(token)}),
		hit as (
			insert into api_client_hit (client_id, minute, hits)
			select id, ${minute}, 1 from c where revoked_at is null
			on conflict (client_id, minute) do update set hits = api_client_hit.hits + 1
			returning hits
		)
		select c.id, c.requests_per_minute as limit, c.revoked_at is not null as revoked, (select hits from hit) as hits,
			(select jsonb_agg(o.path) from api_client_unit u join org_unit o on o.id = u.org_unit_id where u.client_id = c.id) as paths
		from c`.execute(db);
	const row = rows[0];
	if (!row) return { ok: false, reason: 'unknown' };
	if (row.revoked) return { ok: false, reason: 'revoked' };
	const hits = Number(row.hits);
	// Old minutes are only history (the admin page shows the last hour): swept now and then.
	if (hits === 1 && Math.random() < 0.05) await db.deleteFrom('apiClientHit').where('minute', '<', minute - 24 * 60).execute();
	return { ok: true, client: { id: row.id, orgPaths: row.paths ?? [] }, hits, limit: Number(row.limit) };
}
