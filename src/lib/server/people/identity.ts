import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/schema';
import type { AuthUser } from '../auth/session';
import { can } from '../auth/authz';
import { appendAudit } from '../audit/log';
import { idNumberBirthDate, idNumberProblem, isMaskedIdNumber, maskIdNumber } from '$lib/people/registry';

// 身份证号: the one registry field that identifies a person outside the school. It is read only
// here, whole for person.sensitive.view (committee level) and masked for everyone else, so a
// page, a JSON answer or an export cannot carry it past that rule by forgetting to mask.

/** A 身份证号 as typed: spaces dropped, x upper-cased, '' = none; checked against GB 11643. */
export const idNumberField = z
	.string({ error: '身份证号格式不正确' })
	.transform((v) => v.replace(/\s+/g, '').toUpperCase())
	.superRefine((v, ctx) => {
		const problem = v === '' ? null : idNumberProblem(v);
		if (problem) ctx.addIssue({ code: 'custom', message: problem });
	})
	.transform((v) => (v === '' ? null : v));

/** Why a 身份证号 does not fit the person's birth date, or null. */
export function idNumberMismatch(idNumber: string, birthDate: string | null) {
	const born = idNumberBirthDate(idNumber);
	return birthDate && born !== birthDate ? `身份证号中的出生日期（${born}）与出生日期（${birthDate}）不一致` : null;
}

export interface ShownIdNumber {
	value: string;
	masked: boolean;
}

/** Each person's 身份证号 as `user` may see it (people are given with their unit's path). */
export async function idNumbersFor(db: Db, user: AuthUser, people: readonly { id: number; orgPath: string }[]): Promise<Map<number, ShownIdNumber>> {
	const out = new Map<number, ShownIdNumber>();
	if (people.length === 0) return out;
	const rows = await db
		.selectFrom('personIdentity')
		.select(['personId', 'idNumber'])
		.where('personId', 'in', people.map((p) => p.id))
		.execute();
	const pathOf = new Map(people.map((p) => [p.id, p.orgPath]));
	for (const r of rows) {
		const whole = can(user, 'person.sensitive.view', { orgPath: pathOf.get(r.personId)! });
		out.set(r.personId, whole ? { value: r.idNumber, masked: false } : { value: maskIdNumber(r.idNumber), masked: true });
	}
	return out;
}

export async function idNumberFor(db: Db, user: AuthUser, person: { id: number; orgPath: string }) {
	return (await idNumbersFor(db, user, [person])).get(person.id) ?? null;
}

export type IdNumberResult = { ok: true; changed: boolean } | { ok: false; status: 400 | 403; message: string };

/**
 * Sets (or with null clears) a person's 身份证号 inside the caller's transaction. The audit entry
 * holds the masked numbers only: the log is read more widely and kept for ever.
 */
export async function setIdNumber(
	trx: Transaction<Database>,
	actor: AuthUser,
	person: { id: number; orgPath: string },
	idNumber: string | null
): Promise<IdNumberResult> {
	if (!can(actor, 'person.sensitive.view', { orgPath: person.orgPath })) return { ok: false, status: 403, message: '您无权查看或修改身份证号' };
	const before = await trx.selectFrom('personIdentity').select('idNumber').where('personId', '=', person.id).forUpdate().executeTakeFirst();
	if ((before?.idNumber ?? null) === idNumber) return { ok: true, changed: false };
	if (idNumber === null) {
		await trx.deleteFrom('personIdentity').where('personId', '=', person.id).execute();
	} else {
		const other = await trx.selectFrom('personIdentity').select('personId').where('idNumber', '=', idNumber).where('personId', '<>', person.id).executeTakeFirst();
		if (other) return { ok: false, status: 400, message: '该身份证号已登记在其他人员名下，请核对' };
		await trx
			.insertInto('personIdentity')
			.values({ personId: person.id, idNumber })
			.onConflict((oc) => oc.column('personId').doUpdateSet({ idNumber, updatedAt: new Date() }))
			.execute();
	}
	await appendAudit(trx, {
		actorId: actor.id,
		action: 'person.id_number',
		entityType: 'person',
		entityId: person.id,
		before: { idNumber: before ? maskIdNumber(before.idNumber) : null },
		after: { idNumber: idNumber ? maskIdNumber(idNumber) : null }
	});
	return { ok: true, changed: true };
}

/**
 * What an import cell means for a person's 身份证号: empty or the masked form of the number on
 * file (an exported sheet imported back) leaves it; anything else is a new number to check.
 */
export function importedIdNumber(cell: string, current: string | null): { keep: true } | { keep: false; value: string } | { error: string } {
	const v = cell.replace(/\s+/g, '').toUpperCase();
	if (v === '') return { keep: true };
	if (isMaskedIdNumber(v)) {
		return current && maskIdNumber(current) === v ? { keep: true } : { error: '身份证号是打码后的形式，与登记的不符；请填写完整的身份证号，或留空不改' };
	}
	const problem = idNumberProblem(v);
	return problem ? { error: problem } : { keep: false, value: v };
}
