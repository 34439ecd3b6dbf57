import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuthUser } from '../../auth/session';
import type { ValidRow } from './validate';
import { hashPassword } from '../../auth/password';
import { temporaryPassword } from '../../auth/account';
import { appendAudit } from '../../audit/log';
import { transact } from '../../db/transact';
import { createPerson, updatePerson } from '../repository';
import { setIdNumber } from '../identity';

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
		.leftJoin('personIdentity as i', 'i.personId', 'p.id')
		.select(['p.id', 'p.username', 'o.path', 'i.idNumber'])
		.where('p.username', 'in', usernames)
		.execute();
}

/** Who holds each of these 身份证号 on file (for the check that no two people share one). */
export async function idNumberHolders(db: Kysely<Database>, idNumbers: string[]) {
	if (idNumbers.length === 0) return new Map<string, string>();
	const rows = await db
		.selectFrom('personIdentity as i')
		.innerJoin('person as p', 'p.id', 'i.personId')
		.select(['i.idNumber', 'p.username'])
		.where('i.idNumber', 'in', idNumbers)
		.execute();
	return new Map(rows.map((r) => [r.idNumber, r.username]));
}

/** A row the database refused while writing (two imports racing for one 身份证号): nothing is kept. */
export class RosterConflict extends Error {
	constructor(
		readonly rowNumber: number,
		readonly username: string,
		message: string
	) {
		super(message);
	}
}

/**
 * Writes every row or none. Re-importing the same file changes nothing: rows are
 * matched by 学号/工号 and only real differences are written (and audited).
 */
/** The registry's columns, newer than most rosters: a file without one leaves that field alone. */
const registryKeys = ['ethnicity', 'nativePlace', 'education', 'joinedOn', 'confirmedOn'] as const;

export async function applyRoster(
	db: Kysely<Database>,
	actor: AuthUser,
	rows: ValidRow[],
	fileName: string,
	unitPaths: Map<number, string>,
	columns: ReadonlySet<string> = new Set(registryKeys)
) {
	const actorId = actor.id;
	const absent = registryKeys.filter((k) => !columns.has(k));
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
		const writeIdNumber = async (row: ValidRow, id: number) => {
			if (!row.idNumber) return false;
			const r = await setIdNumber(trx, actor, { id, orgPath: unitPaths.get(row.orgUnitId) ?? '' }, row.idNumber);
			if (!r.ok) throw new RosterConflict(row.rowNumber, row.username, r.message);
			return r.changed;
		};
		for (const [i, row] of fresh.entries()) {
			const { rowNumber: _, idNumber: _id, ...input } = row;
			const id = await createPerson(trx, actorId, input, { passwordHash: hashes[i], mustChangePassword: true });
			await writeIdNumber(row, id);
		}
		const ids = rows.map((r) => existing.get(r.username)).filter((id): id is number => id !== undefined);
		const kept = new Map(
			absent.length && ids.length ? (await trx.selectFrom('person').select(['id', ...absent]).where('id', 'in', ids).execute()).map((p) => [p.id, p]) : []
		);
		for (const row of rows) {
			const id = existing.get(row.username);
			if (id === undefined) continue;
			const { rowNumber: _, idNumber: _id, ...typed } = row;
			const input = { ...typed, ...Object.fromEntries(absent.map((k) => [k, kept.get(id)?.[k] ?? null])) };
			const changed = await updatePerson(trx, actorId, id, input);
			if ((await writeIdNumber(row, id)) || changed) updated++;
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
