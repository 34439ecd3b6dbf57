import { sql, type Kysely, type Transaction } from 'kysely';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Database } from '../db/schema';
import { canonicalJson } from './canonical-json';

export interface AuditEntry {
	actorId: number | null;
	action: string;
	entityType: string;
	entityId: string | number | null;
	before?: unknown;
	after?: unknown;
}

// Any constant works; it only has to be the same on every instance.
const AUDIT_LOCK = 7_320_001;

function entryHash(prevHash: string | null, at: string, e: AuditEntry & { entityId: string | null }) {
	const body = canonicalJson({
		prevHash,
		at,
		actorId: e.actorId,
		action: e.action,
		entityType: e.entityType,
		entityId: e.entityId,
		before: e.before ?? null,
		after: e.after ?? null
	});
	return encodeHexLowerCase(sha256(new TextEncoder().encode(body)));
}

/**
 * Append to the audit log inside the caller's transaction. Entries form a hash
 * chain, so appends are serialised by a transaction-scoped advisory lock that
 * every server instance honours.
 */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntry) {
	await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
	const last = await trx
		.selectFrom('auditLog')
		.select('hash')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	const prevHash = last?.hash ?? null;
	const at = new Date().toISOString();
	const e = { ...entry, entityId: entry.entityId === null ? null : String(entry.entityId) };
	const hash = entryHash(prevHash, at, e);
	await trx
		.insertInto('auditLog')
		.values({
			at,
			actorId: e.actorId,
			action: e.action,
			entityType: e.entityType,
			entityId: e.entityId,
			before: e.before ?? null,
			after: e.after ?? null,
			prevHash,
			hash
		})
		.execute();
	return hash;
}

/** Walks the whole chain; returns the first entry whose hash does not match, if any. */
export async function verifyAuditChain(db: Kysely<Database>) {
	let prevHash: string | null = null;
	let checked = 0;
	const pageSize = 5000;
	let afterId = 0;
	for (;;) {
		const rows = await db
			.selectFrom('auditLog')
			.selectAll()
			.where('id', '>', afterId)
			.orderBy('id')
			.limit(pageSize)
			.execute();
		for (const row of rows) {
			const expected = entryHash(prevHash, row.at.toISOString(), {
				actorId: row.actorId,
				action: row.action,
				entityType: row.entityType,
				entityId: row.entityId,
				before: row.before,
				after: row.after
			});
			if (row.prevHash !== prevHash || row.hash !== expected) {
				return { ok: false as const, checked, brokenAt: row.id };
			}
			prevHash = row.hash;
			checked++;
		}
		if (rows.length < pageSize) return { ok: true as const, checked };
		afterId = rows[rows.length - 1].id;
	}
}
