import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { hashPassword, verifyPassword } from './password';
import { lockMessage, markSucceeded, reserveAttempt } from './throttle';

// Verifying against a real hash when the user does not exist keeps the timing the same.
let dummyHash: Promise<string> | undefined;

export type LoginResult =
	| { ok: true; personId: number; mustChangePassword: boolean }
	| { ok: false; message: string };

export async function attemptLogin(db: Kysely<Database>, username: string, password: string, ip: string): Promise<LoginResult> {
	// The attempt is counted before the password is checked, so concurrent guesses cannot
	// all slip in under the limit.
	const attempt = await reserveAttempt(db, username, ip);
	if (!attempt.reserved) return { ok: false, message: lockMessage(attempt.state.scope, attempt.state.retryAfterMinutes) };
	const person = await db
		.selectFrom('person')
		.select(['id', 'passwordHash', 'mustChangePassword', 'isActive'])
		.where('username', '=', username)
		.executeTakeFirst();
	dummyHash ??= hashPassword('not-a-real-password');
	const valid = await verifyPassword(person?.passwordHash ?? (await dummyHash), password);
	if (!person?.passwordHash || !person.isActive || !valid) return { ok: false, message: '学号/工号或密码不正确' };
	await markSucceeded(db, attempt.attemptId);
	return { ok: true, personId: person.id, mustChangePassword: person.mustChangePassword };
}
