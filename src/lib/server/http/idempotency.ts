import { isActionFailure, isRedirect, redirect } from '@sveltejs/kit';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { transact } from '../db/transact';
import { IDEMPOTENCY_FIELD, isIdempotencyKey } from '$lib/forms/idempotency-key';

// "One click, one effect": every form that creates something carries a key generated when the
// form was rendered (<IdempotencyKey />). The key is claimed in the same transaction as the
// write, so of any number of posts of one rendered form exactly one writes and audits; the
// others wait on the key's primary key, then answer with what the first one answered.

export interface Claim {
	/** who posts: keys are scoped per person, so nobody can replay another's answer */
	personId: number;
	/** the action, e.g. 'development.entry' */
	action: string;
}

type StoredRedirect = { redirect: { status: number; location: string } };
const wasRedirect = (v: unknown): v is StoredRedirect => typeof v === 'object' && v !== null && 'redirect' in v && Object.keys(v).length === 1;

/** A refusal must not keep the key: the corrected form is posted again with the same key. */
class Refused {
	constructor(readonly failure: unknown) {}
}

export function idempotencyKeyOf(form: FormData): string | null {
	const v = form.get(IDEMPOTENCY_FIELD);
	return typeof v === 'string' && isIdempotencyKey(v) ? v : null;
}

/**
 * Runs a form action's write once per key. `work` gets the transaction to write in and returns
 * what the action returns (`fail(…)` for a refusal, which rolls back and frees the key;
 * `redirect(…)` is kept and thrown again on replays). A post without a key (an old page, a
 * script) runs unguarded, leaving duplicates to the natural keys of the tables.
 */
export async function once<R>(db: Kysely<Database>, form: FormData, claim: Claim, work: (trx: Transaction<Database>) => Promise<R>): Promise<R> {
	const key = idempotencyKeyOf(form);
	if (!key) return transact(db, work);
	let thrown: unknown;
	let answer: unknown;
	try {
		answer = await db.transaction().execute(async (trx) => {
			const mine = await trx
				.insertInto('idempotencyKey')
				.values({ personId: claim.personId, action: claim.action, key })
				.onConflict((oc) => oc.columns(['personId', 'action', 'key']).doNothing())
				.returning('key')
				.executeTakeFirst();
			if (!mine) {
				const first = await trx.selectFrom('idempotencyKey').select('result').where('personId', '=', claim.personId).where('action', '=', claim.action).where('key', '=', key).executeTakeFirst();
				return first?.result ?? null;
			}
			let result: unknown;
			try {
				result = await work(trx);
			} catch (e) {
				if (!isRedirect(e)) throw e;
				result = { redirect: { status: e.status, location: e.location } } satisfies StoredRedirect;
			}
			if (isActionFailure(result)) throw new Refused(result);
			// jsonb keeps what JSON keeps: an action's data is plain (strings, numbers, arrays).
			await trx.updateTable('idempotencyKey').set({ result: result ?? null }).where('personId', '=', claim.personId).where('action', '=', claim.action).where('key', '=', key).execute();
			return result ?? null;
		});
	} catch (e) {
		if (e instanceof Refused) return e.failure as R;
		thrown = e;
	}
	if (thrown) throw thrown;
	if (wasRedirect(answer)) redirect(answer.redirect.status as 303, answer.redirect.location);
	return (answer ?? undefined) as R;
}

/** Keys only need to outlive a double click or a retry; a day is plenty. */
export async function forgetOldKeys(db: Kysely<Database>, now = new Date()) {
	await db.deleteFrom('idempotencyKey').where('createdAt', '<', new Date(now.getTime() - 24 * 3600_000)).execute();
}
