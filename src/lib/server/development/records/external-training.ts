import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuthUser } from '../../auth/session';
import { appendAudit } from '../../audit/log';
import { transact } from '../../db/transact';
import { trainingKindLabels } from '$lib/development/labels';
import { developmentRights, type DevelopmentRights } from '../access';
import type { EntryRow } from './dossier-map';
import type { EntryResult } from './entries';
import { lockPerson } from './people';
import type { TrainingKind } from '../engine/types';

// Training from another party school (external_training) counts toward the training checks only
// once a committee-level role — a 党委 that approves admissions, never the branch that would rely on
// it, nor a 党总支 — has recorded or confirmed it, with the issuing party school and a scan of the
// certificate. The branch may record it; it then waits, visibly, for the committee.

/** What an external certificate must carry beyond its schema: the scan, and dates that fit. */
export function externalTrainingErrors(details: Record<string, unknown>, issuedOn: string, attachmentId: string | null | undefined): string[] {
	const errors: string[] = [];
	const until = details.validUntil as string | null;
	if (until && until < issuedOn) errors.push('证书有效期不能早于颁发日期');
	if (!attachmentId) errors.push('请上传外校结业证书的扫描件');
	return errors;
}

/** Recorded by a committee-level role, the entry is confirmed as it is written. */
export function confirmedOnRecording(actor: AuthUser, rights: DevelopmentRights): { confirmedBy?: number; confirmedAt?: Date } {
	return rights.approver ? { confirmedBy: actor.id, confirmedAt: new Date() } : {};
}

export const externalTrainingStanding = (confirmed: boolean) => (confirmed ? '；党委已确认，计入培训' : '；待党委确认，确认前不计入培训');

/** Words for a training check: external certificates of this kind still waiting for the committee. */
export function pendingExternalNotes(entries: readonly EntryRow[], kind: TrainingKind): string[] {
	return entries
		.filter((e) => e.kind === 'external_training' && e.d.trainingKind === kind && e.confirmed !== true)
		.map((e) => `外校培训证书 ${String(e.d.serial ?? '')}（${String(e.d.issuer ?? '')}）待党委确认，确认前不计入`);
}

/** The committee confirms an external certificate the branch recorded: one transaction, one audit entry. */
export async function confirmExternalTraining(db: Kysely<Database>, actor: AuthUser, personId: number, entryId: number): Promise<EntryResult> {
	if (!Number.isInteger(entryId) || entryId <= 0 || entryId > 2_147_483_647) return { ok: false, status: 404, errors: ['该记录不存在或已作废'] };
	return transact(db, async (trx): Promise<EntryResult> => {
		const person = await lockPerson(trx, personId);
		if (!person) return { ok: false, status: 404, errors: ['未找到该人员'] };
		const rights = developmentRights(actor, person.path);
		if (!rights.approver) {
			const why = rights.approverRefusal ?? '外校培训须由党委（组织员或组织部）确认，您无权确认';
			return { ok: false, status: 403, errors: [why] };
		}
		const entry = await trx
			.selectFrom('developmentEntry')
			.select(['id', 'occurredOn', 'details', 'attachmentId', 'confirmedAt'])
			.where('id', '=', entryId)
			.where('personId', '=', personId)
			.where('kind', '=', 'external_training')
			.where('voidedAt', 'is', null)
			.executeTakeFirst();
		if (!entry) return { ok: false, status: 404, errors: ['该记录不存在或已作废'] };
		const label = trainingKindLabels[entry.details.trainingKind as TrainingKind] ?? '培训';
		const what = `外校${label}证书 ${String(entry.details.serial ?? '')}（${entry.occurredOn}）`;
		if (entry.confirmedAt) return { ok: true, id: entry.id, message: `${what}已确认过，计入培训` };
		if (!entry.attachmentId) return { ok: false, status: 400, errors: ['该证书没有扫描件：请作废后重新登记并上传扫描件'] };
		if (!String(entry.details.issuer ?? '').trim()) return { ok: false, status: 400, errors: ['该证书未写明颁发的党校：请作废后重新登记'] };
		const confirmedAt = new Date();
		await trx.updateTable('developmentEntry').set({ confirmedBy: actor.id, confirmedAt }).where('id', '=', entry.id).execute();
		await appendAudit(trx, {
			actorId: actor.id,
			action: 'development.entry_confirm',
			entityType: 'person',
			entityId: personId,
			before: { entryId: entry.id, kind: 'external_training', occurredOn: entry.occurredOn, details: entry.details, attachmentId: entry.attachmentId },
			after: { confirmed: true, confirmedBy: rights.approver.orgName }
		});
		return { ok: true, id: entry.id, message: `已确认${what}，计入培训` };
	});
}
