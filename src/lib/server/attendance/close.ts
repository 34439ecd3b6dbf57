import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { appendAudit } from '../audit/log';
import { CHECKOUT_CLOSES_MIN } from './rules';
import type { Db } from '$lib/server/db';

/**
 * Closes every session that has ended (see sessionClosesAt): enrolled learners without a record
 * become 缺勤, and where check-out was required, those who checked in but never out become
 * 早退. Idempotent and safe to run from several places at once: the UPDATE claims each
 * session (closed_at) under its row lock, so a second runner finds nothing left to do.
 * The one-minute job timer calls it (jobs.ts); no page does, since a GET changes nothing.
 */
export async function closeEndedSessions(db: Db, opts: { cohortId?: number; now?: Date } = {}) {
	const now = opts.now ?? new Date();
	// Inside a caller's transaction (the demo seed) run in it; otherwise in a new one.
	const run = <T>(fn: (trx: Transaction<Database>) => Promise<T>) => (db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn));
	return run(async (trx) => {
		let claim = trx
			.updateTable('session')
			.set({ closedAt: now })
			.where('closedAt', 'is', null)
			.where('status', '=', 'scheduled')
			// implied by the next condition; lets the partial index on open sessions narrow the scan
			.where('endsAt', '<=', new Date(now.getTime() - CHECKOUT_CLOSES_MIN * 60_000))
			.where(sql<boolean>`greatest(ends_at + make_interval(mins => ${CHECKOUT_CLOSES_MIN}), starts_at + make_interval(mins => checkin_closes_min)) <= ${now}`);
		if (opts.cohortId) claim = claim.where('cohortId', '=', opts.cohortId);
		const closed = await claim.returning(['id', 'cohortId', 'checkoutRequired']).execute();
		if (closed.length === 0) return [];
		const ids = closed.map((s) => s.id);
		const absent = await trx
			.insertInto('attendance')
			.columns(['sessionId', 'personId', 'status', 'source', 'reason', 'markedAt'])
			.expression((eb) =>
				eb
					.selectFrom('session as s')
					.innerJoin('enrollment as e', 'e.cohortId', 's.cohortId')
					.select(['s.id', 'e.personId', sql.lit('absent').as('status'), sql.lit('auto').as('source'), sql.lit('未签到').as('reason'), sql<Date>`${now}::timestamptz`.as('markedAt')])
					.where('s.id', 'in', ids)
			)
			.onConflict((oc) => oc.doNothing())
			.returning(['sessionId'])
			.execute();
		const checkoutIds = closed.filter((s) => s.checkoutRequired).map((s) => s.id);
		const early = checkoutIds.length
			? await trx
					.updateTable('attendance')
					.set({ status: 'early_leave', reason: '未签退', markedAt: now })
					.where('sessionId', 'in', checkoutIds)
					.where('source', '=', 'checkin')
					.where('checkedOutAt', 'is', null)
					.where('status', 'in', ['present', 'late'])
					.returning(['sessionId'])
					.execute()
			: [];
		const count = (rows: { sessionId: number }[], id: number) => rows.filter((r) => r.sessionId === id).length;
		for (const s of closed) {
			await appendAudit(trx, {
				actorId: null,
				action: 'session.close',
				entityType: 'session',
				entityId: s.id,
				after: { absent: count(absent, s.id), noCheckout: count(early, s.id) }
			});
		}
		return closed.map((s) => ({ id: s.id, absent: count(absent, s.id), noCheckout: count(early, s.id) }));
	});
}
