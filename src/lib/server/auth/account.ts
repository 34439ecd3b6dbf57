import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { appendAudit } from '../audit/log';
import { hashPassword, verifyPassword, PASSWORD_MIN_LENGTH } from './password';

export function passwordProblem(next: string, username: string) {
	if (next.length < PASSWORD_MIN_LENGTH) return `新密码至少 ${PASSWORD_MIN_LENGTH} 位`;
	if (next.length > 128) return '新密码不能超过 128 位';
	if (!/[A-Za-z]/.test(next) || !/[0-9]/.test(next)) return '新密码需同时包含字母和数字';
	if (next.toLowerCase().includes(username.toLowerCase())) return '新密码不能包含学号/工号';
	return null;
}

/** Changing one's password ends every other session of that person. */
export async function changePassword(
	db: Kysely<Database>,
	personId: number,
	keepSessionId: string,
	input: { current: string; next: string; confirm: string }
) {
	const person = await db
		.selectFrom('person')
		.select(['username', 'passwordHash'])
		.where('id', '=', personId)
		.executeTakeFirstOrThrow();
	if (!person.passwordHash || !(await verifyPassword(person.passwordHash, input.current))) {
		return { ok: false as const, message: '当前密码不正确' };
	}
	if (input.next !== input.confirm) return { ok: false as const, message: '两次输入的新密码不一致' };
	if (input.next === input.current) return { ok: false as const, message: '新密码不能与当前密码相同' };
	const problem = passwordProblem(input.next, person.username);
	if (problem) return { ok: false as const, message: problem };
	const passwordHash = await hashPassword(input.next);
	await db.transaction().execute(async (trx) => {
		await trx.updateTable('person').set({ passwordHash, mustChangePassword: false, updatedAt: new Date() }).where('id', '=', personId).execute();
		await trx.deleteFrom('authSession').where('personId', '=', personId).where('id', '!=', keepSessionId).execute();
		await appendAudit(trx, { actorId: personId, action: 'person.password_change', entityType: 'person', entityId: personId });
	});
	return { ok: true as const };
}

/**
 * An admin sets a temporary password; the person must change it at next login,
 * and their open sessions end.
 */
export async function resetPassword(db: Kysely<Database>, actorId: number, personId: number, temporary: string) {
	const passwordHash = await hashPassword(temporary);
	await db.transaction().execute(async (trx) => {
		await trx.updateTable('person').set({ passwordHash, mustChangePassword: true, updatedAt: new Date() }).where('id', '=', personId).execute();
		await trx.deleteFrom('authSession').where('personId', '=', personId).execute();
		await trx.deleteFrom('loginAttempt').where('username', '=', trx.selectFrom('person').select('username').where('id', '=', personId)).execute();
		await appendAudit(trx, { actorId, action: 'person.password_reset', entityType: 'person', entityId: personId });
	});
}

/** A readable temporary password: no 0/O or 1/l confusion. */
export function temporaryPassword() {
	const letters = 'abcdefghjkmnpqrstuvwxyz';
	const digits = '23456789';
	const pick = (set: string, n: number) =>
		Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => set[b % set.length]).join('');
	return `${pick(letters, 5)}${pick(digits, 4)}`;
}
