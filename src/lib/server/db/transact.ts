import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

/**
 * Runs `work` in a transaction, or in the caller's when `db` already is one: a write that
 * owns its transaction can then also be one step of a larger one (e.g. an idempotent form
 * post, whose key is claimed in the same transaction as the write it guards).
 */
export function transact<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}
