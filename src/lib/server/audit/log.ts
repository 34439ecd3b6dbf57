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

// What is stored is what is hashed: one list, so a field cannot be kept out of the chain.
function storedFields(e: AuditEntry & { entityId: string | null }) {
	return { actorId: e.actorId, action: e.action, entityType: e.entityType, entityId: e.entityId, before: e.before ?? null, after: e.after ?? null };
}

/** Exported for tests that play an attacker recomputing the chain. */
export function entryHash(prevHash: string | null, at: string, e: AuditEntry & { entityId: string | null }) {
	const body = canonicalJson({ prevHash, at, ...storedFields(e) });
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
		.values({ at, ...storedFields(e), prevHash, hash })
		.execute();
	return hash;
}

/** Where the chain stood at some moment: what a checkpoint records. */
export interface ChainHead {
	count: number;
	lastId: number | null;
	lastHash: string | null;
}

export type ChainProblem =
	/** An entry's hash does not follow from its content and the one before it. */
	| { reason: 'hash'; brokenAt: number }
	/** The entry a checkpoint ends at now has another hash: the chain was recomputed. */
	| { reason: 'rewritten'; brokenAt: number; anchor: ChainHead }
	/** Entries up to the checkpoint's last one are not as many as it counted. */
	| { reason: 'count'; brokenAt: number; anchor: ChainHead; found: number }
	/** The entry a checkpoint ends at is gone, though later ones exist. */
	| { reason: 'missing'; brokenAt: null; anchor: ChainHead }
	/** The log ends before a checkpoint's last entry: entries were removed from the end. */
	| { reason: 'truncated'; brokenAt: null; anchor: ChainHead; found: number }
	/** No entry is left though a checkpoint counted some. */
	| { reason: 'emptied'; brokenAt: null; anchor: ChainHead };

/**
 * Walks the chain; returns the first entry whose hash does not match, if any. Given
 * checkpoints (anchors kept outside the database), it also finds what a consistent
 * chain cannot show: entries removed from the end, all entries removed, and a chain
 * recomputed after an edit. `from` starts the walk after a trusted checkpoint.
 */
export async function verifyAuditChain(
	db: Kysely<Database>,
	anchors: ChainHead[] = [],
	from?: ChainHead & { lastId: number }
): Promise<{ ok: true; checked: number } | ({ ok: false; checked: number } & ChainProblem)> {
	let prevHash: string | null = from?.lastHash ?? null;
	let checked = from?.count ?? 0;
	let afterId = from?.lastId ?? 0;
	const pending = anchors
		.filter((a): a is ChainHead & { lastId: number } => a.lastId !== null && a.count > 0 && a.lastId > afterId)
		.sort((a, b) => a.lastId - b.lastId);
	let k = 0;
	const pageSize = 5000;
	for (;;) {
		const rows = await db
			.selectFrom('auditLog')
			.selectAll()
			.where('id', '>', afterId)
			.orderBy('id')
			.limit(pageSize)
			.execute();
		for (const row of rows) {
			if (k < pending.length && pending[k].lastId < row.id) {
				return { ok: false, checked, reason: 'missing', brokenAt: null, anchor: pending[k] };
			}
			const expected = entryHash(prevHash, row.at.toISOString(), {
				actorId: row.actorId,
				action: row.action,
				entityType: row.entityType,
				entityId: row.entityId,
				before: row.before,
				after: row.after
			});
			if (row.prevHash !== prevHash || row.hash !== expected) {
				return { ok: false, checked, reason: 'hash', brokenAt: row.id };
			}
			prevHash = row.hash;
			checked++;
			for (; k < pending.length && pending[k].lastId === row.id; k++) {
				const anchor = pending[k];
				if (anchor.lastHash !== row.hash) return { ok: false, checked, reason: 'rewritten', brokenAt: row.id, anchor };
				if (anchor.count !== checked) return { ok: false, checked, reason: 'count', brokenAt: row.id, anchor, found: checked };
			}
		}
		if (rows.length < pageSize) break;
		afterId = rows[rows.length - 1].id;
	}
	if (k < pending.length) {
		const anchor = pending[pending.length - 1];
		return checked === 0
			? { ok: false, checked, reason: 'emptied', brokenAt: null, anchor }
			: { ok: false, checked, reason: 'truncated', brokenAt: null, anchor, found: checked };
	}
	return { ok: true, checked };
}
