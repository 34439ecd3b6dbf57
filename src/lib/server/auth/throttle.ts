import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

// Kept in the database so that every server instance sees the same counts.
export const THROTTLE = { window: 15 * 60 * 1000, perUsername: 5, perIp: 30 };

export async function throttleState(db: Kysely<Database>, username: string, ip: string, now = new Date()) {
	const since = new Date(now.getTime() - THROTTLE.window);
	const lastSuccess = db
		.selectFrom('loginAttempt')
		.select((eb) => eb.fn.max('at').as('at'))
		.where('username', '=', username)
		.where('succeeded', '=', true);
	const byUser = await db
		.selectFrom('loginAttempt')
		.select((eb) => [eb.fn.countAll<number>().as('failures'), eb.fn.min('at').as('oldest')])
		.where('username', '=', username)
		.where('succeeded', '=', false)
		.where('at', '>', since)
		.where((eb) => eb.or([eb(lastSuccess, 'is', null), eb('at', '>', lastSuccess)]))
		.executeTakeFirstOrThrow();
	const byIp = await db
		.selectFrom('loginAttempt')
		.select((eb) => [eb.fn.countAll<number>().as('failures'), eb.fn.min('at').as('oldest')])
		.where('ip', '=', ip)
		.where('succeeded', '=', false)
		.where('at', '>', since)
		.executeTakeFirstOrThrow();
	const blocked = (failures: number, limit: number, oldest: Date | null) =>
		Number(failures) >= limit && oldest
			? Math.max(1, Math.ceil((oldest.getTime() + THROTTLE.window - now.getTime()) / 60_000))
			: 0;
	const minutes = Math.max(
		blocked(byUser.failures, THROTTLE.perUsername, byUser.oldest as Date | null),
		blocked(byIp.failures, THROTTLE.perIp, byIp.oldest as Date | null)
	);
	return { locked: minutes > 0, retryAfterMinutes: minutes };
}

export async function recordLoginAttempt(db: Kysely<Database>, username: string, ip: string, succeeded: boolean) {
	await db.insertInto('loginAttempt').values({ username, ip, succeeded }).execute();
}
