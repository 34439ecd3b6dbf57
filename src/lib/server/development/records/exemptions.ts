import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuthUser } from '../../auth/session';
import { appendAudit } from '../../audit/log';
import { transact } from '../../db/transact';
import { nextTransition } from '$lib/development/labels';
import { developmentRights } from '../access';
import { rulesInEffect } from '../settings/rules-in-effect';
import { evaluateFor } from '../standing';
import { loadDossier } from './load';
import { attachmentExists, lockPerson } from './people';
import type { CheckId } from '../engine/rule-types';
import type { Transition } from '../engine/types';

// 个别特殊情况: only a 党委 (an organizer of a committee, or the organisation department) may
// waive a check, only one the rule set marks exemptable, and only while it actually stands in the
// way of the person's next step. Granted and revoked in one audited transaction each.

export interface ExemptionInput {
	checkId: string;
	reason: string;
	attachmentId?: string | null;
	/** Which transition the check blocks; defaults to the person's next one. */
	transition?: Transition;
}

export type ExemptionResult = { ok: true; message: string } | { ok: false; status: 400 | 403 | 404; errors: string[] };

export async function grantExemption(db: Kysely<Database>, actor: AuthUser, personId: number, input: ExemptionInput, options: { now?: Date } = {}): Promise<ExemptionResult> {
	const reason = input.reason.trim();
	if (reason.length < 4) return { ok: false, status: 400, errors: ['请写明豁免的理由（至少4个字）'] };
	if (reason.length > 1000) return { ok: false, status: 400, errors: ['理由不能超过1000字'] };
	return transact(db, async (trx): Promise<ExemptionResult> => {
		const person = await lockPerson(trx, personId);
		if (!person) return { ok: false, status: 404, errors: ['未找到该人员'] };
		const rights = developmentRights(actor, person.path);
		if (!rights.exempter) {
			return { ok: false, status: 403, errors: [rights.approverRefusal ?? '豁免须由党委（组织员或组织部）批准，您无权办理'] };
		}
		if (!person.open) return { ok: false, status: 400, errors: ['尚未登记入党申请'] };
		const rules = await rulesInEffect(trx, options.now);
		const rule = Object.hasOwn(rules.settings.rules, input.checkId) ? rules.settings.rules[input.checkId as CheckId] : undefined;
		if (!rule) return { ok: false, status: 400, errors: [`未知的检查项「${input.checkId}」`] };
		if (!rule.exemptable) return { ok: false, status: 400, errors: [`『${rule.title}』为全国统一规定（${rule.source}），不能豁免`] };
		if (!(await attachmentExists(trx, input.attachmentId))) return { ok: false, status: 400, errors: ['附件不存在，请重新上传'] };
		const loaded = await loadDossier(trx, personId, rules.at);
		const transition = input.transition ?? nextTransition[loaded!.dossier.stage] ?? undefined;
		if (!transition) return { ok: false, status: 400, errors: ['该人员已是正式党员，没有待办理的阶段'] };
		const result = evaluateFor(loaded!, transition, rules).results.find((r) => r.checkId === rule.id);
		if (!result) return { ok: false, status: 400, errors: [`『${rule.title}』不是该人员下一步需要的检查项`] };
		if (result.exemption?.applied) return { ok: false, status: 400, errors: [`『${rule.title}』已有豁免`] };
		if (result.status === 'pass' || result.status === 'warn') return { ok: false, status: 400, errors: [`『${rule.title}』当前已满足，无需豁免`] };
		const row = await trx
			.insertInto('developmentExemption')
			.values({ personId, checkId: rule.id, reason, attachmentId: input.attachmentId ?? null, grantedBy: actor.id, grantedOn: rules.today })
			.returning('id')
			.executeTakeFirstOrThrow();
		await appendAudit(trx, {
			actorId: actor.id,
			action: 'development.exemption',
			entityType: 'person',
			entityId: personId,
			after: { exemptionId: row.id, checkId: rule.id, title: rule.title, reason, attachmentId: input.attachmentId ?? null, approver: rights.exempter.orgName, failing: result.reason }
		});
		return { ok: true, message: `已批准豁免『${rule.title}』` };
	});
}

export async function revokeExemption(db: Kysely<Database>, actor: AuthUser, personId: number, exemptionId: number): Promise<ExemptionResult> {
	return transact(db, async (trx): Promise<ExemptionResult> => {
		const person = await lockPerson(trx, personId);
		if (!person) return { ok: false, status: 404, errors: ['未找到该人员'] };
		const rights = developmentRights(actor, person.path);
		if (!rights.exempter) return { ok: false, status: 403, errors: [rights.approverRefusal ?? '撤销豁免须由党委办理'] };
		const row = await trx
			.selectFrom('developmentExemption')
			.select(['id', 'checkId', 'reason', 'revokedAt'])
			.where('id', '=', exemptionId)
			.where('personId', '=', personId)
			.executeTakeFirst();
		if (!row || row.revokedAt) return { ok: false, status: 404, errors: ['该豁免不存在或已撤销'] };
		await trx.updateTable('developmentExemption').set({ revokedAt: new Date(), revokedBy: actor.id }).where('id', '=', exemptionId).execute();
		await appendAudit(trx, {
			actorId: actor.id,
			action: 'development.exemption_revoke',
			entityType: 'person',
			entityId: personId,
			before: { exemptionId, checkId: row.checkId, reason: row.reason }
		});
		return { ok: true, message: '已撤销豁免' };
	});
}
