import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import { certificateSettings } from './settings';
import { cohortSerialFormat, reserveSerials } from './serial';
import { shanghaiDate } from '$lib/time/shanghai';
import { newVerifyCode } from './issue';
import { contentColumns, renderAndStore } from './render';
import type { Db } from '$lib/server/db';

export type ManageResult = { ok: true; id: number; serial: string } | { ok: false; message: string };

/** Revokes a current certificate with a reason; the row and its PDF stay, marked revoked. */
export async function revokeCertificate(db: Db, input: { certificateId: number; actorId: number; reason: string }): Promise<ManageResult> {
	return transact(db, async (trx) => {
		const row = await trx
			.updateTable('certificate')
			.set({ revokedAt: new Date(), revokedBy: input.actorId, revokeReason: input.reason })
			.where('id', '=', input.certificateId)
			.where('revokedAt', 'is', null)
			.where('supersededAt', 'is', null)
			.returning(['id', 'serial', 'personId', 'cohortId'])
			.executeTakeFirst();
		if (!row) return { ok: false as const, message: '该证书已被撤销或已被新证书取代' };
		await appendAudit(trx, {
			actorId: input.actorId,
			action: 'certificate.revoke',
			entityType: 'certificate',
			entityId: row.id,
			before: { serial: row.serial, state: 'valid' },
			after: { serial: row.serial, state: 'revoked', reason: input.reason, personId: row.personId, cohortId: row.cohortId }
		});
		return { ok: true as const, id: row.id, serial: row.serial };
	});
}

/**
 * Issues a replacement (e.g. after a name was corrected): a new serial, verification code and
 * PDF with the holder's CURRENT name; hours, score and validity are those of the original, which
 * stays on record marked superseded (its link then says so).
 */
export async function reissueCertificate(db: Db, input: { certificateId: number; actorId: number; reason: string; origin: string; now?: Date }): Promise<ManageResult> {
	const issuedAt = new Date(Math.floor((input.now ?? new Date()).getTime() / 1000) * 1000);
	const result = await transact(db, async (trx) => {
		const old = await trx.selectFrom('certificate').selectAll().where('id', '=', input.certificateId).forUpdate().executeTakeFirst();
		if (!old) return { ok: false as const, message: '未找到该证书' };
		if (old.supersededAt) return { ok: false as const, message: '该证书已重新颁发过，请对最新的证书操作' };
		const [person, cohort, settings] = await Promise.all([
			trx.selectFrom('person').select('name').where('id', '=', old.personId).executeTakeFirstOrThrow(),
			trx.selectFrom('cohort').select(['id', 'name']).where('id', '=', old.cohortId).executeTakeFirstOrThrow(),
			certificateSettings(trx)
		]);
		const format = cohortSerialFormat(settings, cohort, old.courseCode, issuedAt);
		const serial = format.serial(await reserveSerials(trx, format.scope, 1));
		// Free the "one current certificate" slot before the new row takes it.
		await trx.updateTable('certificate').set({ supersededAt: issuedAt }).where('id', '=', old.id).execute();
		const code = newVerifyCode();
		const { id: _id, pdf: _pdf, pdfSha256: _sha, pdfSize: _size, revokedAt: _ra, revokedBy: _rb, revokeReason: _rr, supersededAt: _sa, supersededById: _sb, ...kept } = old;
		const created = await trx
			.insertInto('certificate')
			.values({
				...kept,
				serial,
				verifyCode: code,
				verifyUrl: `${input.origin.replace(/\/$/, '')}/verify/${code}`,
				holderName: person.name,
				issuedAt,
				issuedOn: shanghaiDate(issuedAt),
				issuingBody: settings.issuingBody,
				issuedBy: input.actorId,
				reissueOfId: old.id
			})
			.returning([...contentColumns])
			.executeTakeFirstOrThrow();
		await trx.updateTable('certificate').set({ supersededById: created.id }).where('id', '=', old.id).execute();
		await appendAudit(trx, {
			actorId: input.actorId,
			action: 'certificate.reissue',
			entityType: 'certificate',
			entityId: old.id,
			before: { serial: old.serial, holderName: old.holderName, state: old.revokedAt ? 'revoked' : 'valid' },
			after: { serial, holderName: person.name, newCertificateId: created.id, reason: input.reason }
		});
		return { ok: true as const, row: created };
	});
	if (!result.ok) return result;
	await renderAndStore(db, [result.row]);
	return { ok: true, id: result.row.id, serial: result.row.serial };
}

/** For the certificate page: the chain of replacements around one certificate. */
export function certificateHistory(db: Db, cohortId: number, personId: number) {
	return db
		.selectFrom('certificate')
		.select(['id', 'serial', 'issuedOn', 'validUntil', 'revokedAt', 'revokeReason', 'supersededAt', 'holderName'])
		.where('cohortId', '=', cohortId)
		.where('personId', '=', personId)
		.orderBy('id')
		.execute();
}

