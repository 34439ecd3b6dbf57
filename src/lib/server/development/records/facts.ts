import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuthUser } from '../../auth/session';
import { appendAudit } from '../../audit/log';
import { transact } from '../../db/transact';
import { developmentRights } from '../access';
import { isCalendarDate } from '../engine/dates';
import { lockPerson } from './people';

export type FactsResult = { ok: true; message: string } | { ok: false; status: 400 | 403 | 404; errors: string[] };

/**
 * Facts the checks read that are not dated steps: an expected departure other than graduation
 * (「三个月内不离开本单位」) and whether the person was a League member when they applied (推优).
 */
export async function updateRecordFacts(db: Kysely<Database>, actor: AuthUser, personId: number, input: { expectedLeavingDate: string; isLeagueMember: boolean }): Promise<FactsResult> {
	const leaving = input.expectedLeavingDate.trim();
	if (leaving && !isCalendarDate(leaving)) return { ok: false, status: 400, errors: ['预计离开本单位日期格式应为 YYYY-MM-DD'] };
	return transact(db, async (trx): Promise<FactsResult> => {
		const person = await lockPerson(trx, personId);
		if (!person) return { ok: false, status: 404, errors: ['未找到该人员'] };
		if (!developmentRights(actor, person.path).branch) return { ok: false, status: 403, errors: ['您无权修改该人员的纪实信息'] };
		if (!person.hasRecord) return { ok: false, status: 400, errors: ['尚未登记入党申请'] };
		const before = await trx.selectFrom('developmentRecord').select(['expectedLeavingDate', 'isLeagueMember']).where('personId', '=', personId).executeTakeFirstOrThrow();
		const after = { expectedLeavingDate: leaving || null, isLeagueMember: input.isLeagueMember };
		if (before.expectedLeavingDate === after.expectedLeavingDate && before.isLeagueMember === after.isLeagueMember) return { ok: true, message: '没有需要保存的修改' };
		await trx.updateTable('developmentRecord').set({ ...after, updatedAt: new Date() }).where('personId', '=', personId).execute();
		await appendAudit(trx, { actorId: actor.id, action: 'development.record', entityType: 'person', entityId: personId, before, after });
		return { ok: true, message: '已保存' };
	});
}
