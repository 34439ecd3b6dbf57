import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { hashPassword, verifyPassword } from './password';
import { recordLoginAttempt, throttleState } from './throttle';

// Verifying against a real hash when the user does not exist keeps the timing the same.
let dummyHash: Promise<string> | undefined;

export type LoginResult =
	| { ok: true; personId: number; mustChangePassword: boolean }
	| { ok: false; message: string };

export async function attemptLogin(db: Kysely<Database>, username: string, password: string, ip: string): Promise<LoginResult> {
	const throttle = await throttleState(db, username, ip);
	if (throttle.locked) {
		return { ok: false, message: `登录失败次数过多，请 ${throttle.retryAfterMinutes} 分钟后再试，或联系管理员重置密码。` };
	}
	const person = await db
		.selectFrom('person')
		.select(['id', 'passwordHash', 'mustChangePassword', 'isActive'])
		.where('username', '=', username)
		.executeTakeFirst();
	dummyHash ??= hashPassword('not-a-real-password');
	const valid = await verifyPassword(person?.passwordHash ?? (await dummyHash), password);
	const ok = Boolean(person?.passwordHash && person.isActive && valid);
	await recordLoginAttempt(db, username, ip, ok);
	if (!ok || !person) return { ok: false, message: '学号/工号或密码不正确' };
	return { ok: true, personId: person.id, mustChangePassword: person.mustChangePassword };
}
