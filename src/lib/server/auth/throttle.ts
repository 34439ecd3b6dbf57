import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Failed sign-ins within the window that lock, kept in the database so that every server
 * instance sees the same counts. 学号 are easy to guess, so a few failures lock only the
 * account *from that address*; the account as a whole locks at a higher count from all
 * addresses together, which a classmate cannot reach from one phone before an exam.
 */
export const THROTTLE = { window: 15 * 60 * 1000, perPair: 5, perAccount: 20, perIp: 30 };

/** What is locked: the account from this address, the account everywhere, or this address for every account. */
export type LockScope = 'pair' | 'account' | 'ip';

export type ThrottleState =
	| { locked: false; retryAfterMinutes: 0; scope: null }
	| { locked: true; retryAfterMinutes: number; scope: LockScope };

// Advisory-lock namespaces (two-key form): one per username and one per address.
const USERNAME_LOCK = 7_320_101;
const IP_LOCK = 7_320_102;

/**
 * Failures that count, read with the database clock unless `now` is given (tests): server
 * clocks drift, and the attempts are stamped by the database. Username counts start after
 * the account's last successful sign-in.
 */
export async function throttleState(db: Kysely<Database>, username: string, ip: string, now?: Date): Promise<ThrottleState> {
	const window = sql`${sql.lit(THROTTLE.window / 1000)} * interval '1 second'`;
	const { rows } = await sql<{
		now: Date;
		pairFailures: number;
		pairOldest: Date | null;
		accountFailures: number;
		accountOldest: Date | null;
		ipFailures: number;
		ipOldest: Date | null;
	}>`
		with clock as (select coalesce(${now ?? null}::timestamptz, now()) as now),
		last_success as (
			select max(at) as at from login_attempt where username = ${username} and succeeded
		),
		account as (
			select a.ip, a.at from login_attempt a, clock, last_success s
			where a.username = ${username} and not a.succeeded and a.at > clock.now - ${window}
				and (s.at is null or a.at > s.at)
		),
		address as (
			select a.at from login_attempt a, clock
			where a.ip = ${ip} and not a.succeeded and a.at > clock.now - ${window}
		)
		select
			(select now from clock) as now,
			(select count(*) from account where ip = ${ip}) as pair_failures,
			(select min(at) from account where ip = ${ip}) as pair_oldest,
			(select count(*) from account) as account_failures,
			(select min(at) from account) as account_oldest,
			(select count(*) from address) as ip_failures,
			(select min(at) from address) as ip_oldest
	`.execute(db);
	const r = rows[0];
	const clock = new Date(r.now).getTime();
	// Attempts are only recorded below every limit, so the count drops under the limit
	// as soon as the oldest failure counted leaves the window.
	const minutes = (failures: number, limit: number, oldest: Date | null) =>
		Number(failures) >= limit && oldest
			? Math.max(1, Math.ceil((new Date(oldest).getTime() + THROTTLE.window - clock) / 60_000))
			: 0;
	// Broadest first, so that on a tie the message names the lock that covers the most.
	const locks: [LockScope, number][] = [
		['account', minutes(r.accountFailures, THROTTLE.perAccount, r.accountOldest)],
		['ip', minutes(r.ipFailures, THROTTLE.perIp, r.ipOldest)],
		['pair', minutes(r.pairFailures, THROTTLE.perPair, r.pairOldest)]
	];
	const [scope, retryAfterMinutes] = locks.reduce((a, b) => (b[1] > a[1] ? b : a));
	return retryAfterMinutes > 0 ? { locked: true, retryAfterMinutes, scope } : { locked: false, retryAfterMinutes: 0, scope: null };
}

/**
 * Claims one attempt before the password is checked: under a lock per username and per
 * address, counts the failures and, below every limit, records this attempt as failed.
 * Concurrent guesses queue on the lock and each sees the ones before it, so a burst of
 * fifty is evaluated no more than the limit allows. The locks are held only for this
 * short transaction, not while the password hash is computed.
 */
export async function reserveAttempt(db: Kysely<Database>, username: string, ip: string) {
	return db.transaction().execute(async (trx) => {
		// Username first, then address, in every transaction: no two can wait on each other.
		await sql`select pg_advisory_xact_lock(${USERNAME_LOCK}, hashtext(${username}))`.execute(trx);
		await sql`select pg_advisory_xact_lock(${IP_LOCK}, hashtext(${ip}))`.execute(trx);
		const state = await throttleState(trx, username, ip);
		if (state.locked) return { reserved: false as const, state };
		const { id } = await trx
			.insertInto('loginAttempt')
			.values({ username, ip, succeeded: false })
			.returning('id')
			.executeTakeFirstOrThrow();
		return { reserved: true as const, attemptId: id };
	});
}

/** The reserved attempt turned out right. */
export async function markSucceeded(db: Kysely<Database>, attemptId: number) {
	await db.updateTable('loginAttempt').set({ succeeded: true }).where('id', '=', attemptId).execute();
}

/** What the person reads when a lock refuses the attempt. */
export function lockMessage(scope: LockScope, minutes: number) {
	switch (scope) {
		case 'pair':
			return `此账号在你当前的网络地址登录失败次数过多，已锁定 ${minutes} 分钟，请稍后再试；换一个网络不受影响，也可联系管理员重置密码。`;
		case 'account':
			return `此账号登录失败次数过多，已在所有地址锁定 ${minutes} 分钟，请稍后再试，或联系管理员重置密码。`;
		case 'ip':
			return `你当前的网络地址登录失败次数过多，该地址的所有账号登录已锁定 ${minutes} 分钟，请稍后再试。`;
	}
}
