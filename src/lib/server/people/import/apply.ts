import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { PersonInput } from '$lib/people/schema';
import { hashPassword } from '../../auth/password';
import { temporaryPassword } from '../../auth/account';
import { appendAudit } from '../../audit/log';
import { transact } from '../../db/transact';
import { createPerson, updatePerson } from '../repository';

export interface ImportSummary {
	created: number;
	updated: number;
	unchanged: number;
	/** Temporary passwords of new accounts: shown once to the importer, never stored in clear. */
	credentials: { username: string; name: string; password: string }[];
}

export function existingByUsername(db: Kysely<Database>, usernames: string[]) {
	if (usernames.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('person as p')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select(['p.id', 'p.username', 'o.path'])
		.where('p.username', 'in', usernames)
		.execute();
}

/**
 * Writes every row or none. Re-importing the same file changes nothing: rows are
 * matched by 学号/工号 and only real differences are written (and audited).
 */
export async function applyRoster(db: Kysely<Database>, actorId: number, rows: (PersonInput & { rowNumber: number })[], fileName: string) {
	const existing = new Map((await existingByUsername(db, rows.map((r) => r.username))).map((p) => [p.username, p.id]));
	const fresh = rows.filter((r) => !existing.has(r.username));
	const credentials = fresh.map((r) => ({ username: r.username, name: r.name, password: temporaryPassword() }));
	// argon2 runs on libuv's thread pool, so hashing in parallel batches uses every core.
	const hashes: string[] = [];
	for (let i = 0; i < credentials.length; i += 16) {
		hashes.push(...(await Promise.all(credentials.slice(i, i + 16).map((c) => hashPassword(c.password)))));
	}
	return transact(db, async (trx) => {
		let updated = 0;
		for (const [i, row] of fresh.entries()) {
			const { rowNumber: _, ...input } = row;
			await createPerson(trx, actorId, input, { passwordHash: hashes[i], mustChangePassword: true });
		}
		for (const row of rows) {
			const id = existing.get(row.username);
			if (id === undefined) continue;
			const { rowNumber: _, ...input } = row;
			if (await updatePerson(trx, actorId, id, input)) updated++;
		}
		if (fresh.length || updated) {
			await appendAudit(trx, {
				actorId,
				action: 'roster.import',
				entityType: 'roster',
				entityId: null,
				after: { fileName, rows: rows.length, created: fresh.length, updated }
			});
		}
		return { created: fresh.length, updated, unchanged: rows.length - fresh.length - updated, credentials } satisfies ImportSummary;
	});
}
