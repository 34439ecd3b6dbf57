import { sql, type Kysely, type Transaction } from 'kysely';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Database } from '../db/schema';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import { checkUpload } from './limits';

// Files live in the database (bytea), so every server instance serves the same ones.

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface NewFile {
	name: string;
	bytes: Uint8Array;
	courseId: number | null;
	actorId: number | null;
}

export type SaveResult =
	| { ok: true; id: string; name: string; contentType: string; size: number }
	| { ok: false; message: string };

/** Base name only, without path parts or control characters; at most 120 characters. */
export function cleanFileName(name: string) {
	// eslint-disable-next-line no-control-regex
	const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
	return (base || 'file').slice(-120);
}

/**
 * Checks and stores one file inside the caller's transaction. The same bytes uploaded
 * again for the same course come back as the stored file instead of a copy.
 */
export async function storeFile(trx: Transaction<Database>, file: NewFile, audit = true): Promise<SaveResult> {
	const name = cleanFileName(file.name);
	const check = checkUpload(name, file.bytes);
	if (!check.ok) return check;
	const digest = encodeHexLowerCase(sha256(file.bytes));
	let existing = trx.selectFrom('storedFile').select(['id', 'name', 'contentType', 'size']).where('sha256', '=', digest).where('name', '=', name);
	existing = file.courseId === null ? existing.where('courseId', 'is', null) : existing.where('courseId', '=', file.courseId);
	const found = await existing.executeTakeFirst();
	if (found) return { ok: true, ...found };
	const row = await trx
		.insertInto('storedFile')
		.values({ name, contentType: check.contentType, size: file.bytes.byteLength, sha256: digest, data: file.bytes, courseId: file.courseId, createdBy: file.actorId })
		.returning(['id', 'name', 'contentType', 'size'])
		.executeTakeFirstOrThrow();
	if (audit) {
		await appendAudit(trx, {
			actorId: file.actorId,
			action: 'file.upload',
			entityType: 'stored_file',
			entityId: row.id,
			after: { name, contentType: row.contentType, size: row.size, sha256: digest, courseId: file.courseId }
		});
	}
	return { ok: true, ...row };
}

export function saveFile(db: Kysely<Database>, file: NewFile) {
	return transact(db, (trx) => storeFile(trx, file));
}

/** Everything about a file but its bytes. */
export function fileMeta(db: Kysely<Database>, id: string) {
	if (!UUID.test(id)) return Promise.resolve(undefined);
	return db.selectFrom('storedFile').select(['id', 'name', 'contentType', 'size', 'sha256', 'courseId']).where('id', '=', id).executeTakeFirst();
}

/** The bytes [start, start + length): a video seek reads only what it plays. */
export async function fileBytes(db: Kysely<Database>, id: string, start = 0, length?: number) {
	const row =
		start === 0 && length === undefined
			? await db.selectFrom('storedFile').select('data').where('id', '=', id).executeTakeFirst()
			: await db
					.selectFrom('storedFile')
					.select(sql<Uint8Array>`substring(data from ${start + 1} for ${length ?? 2_147_483_647})`.as('data'))
					.where('id', '=', id)
					.executeTakeFirst();
	// postgres.js hands back a Buffer, PGlite a Uint8Array: the same view for both, no copy.
	return row ? new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) : undefined;
}
