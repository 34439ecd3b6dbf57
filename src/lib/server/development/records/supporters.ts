import { text } from '$lib/validation/fields';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuthUser } from '../../auth/session';
import { appendAudit } from '../../audit/log';
import { transact } from '../../db/transact';
import { supporterRoleLabels } from '$lib/development/labels';
import { can } from '../../auth/authz';
import { developmentRights } from '../access';
import { isCalendarDate, todayInShanghai } from '../engine/dates';
import { lockPerson } from './people';
import { underDisciplinaryProbationOn } from '../../people/discipline';

// 培养联系人 (1–2, 第九条) and 入党介绍人 (2, 第十四条): full members of the party, chosen by 学号/工号.
// Membership is read live when the checks run; here an obvious mistake is refused at once.

export interface SupporterInput {
	role: 'mentor' | 'sponsor';
	username: string;
	assignedOn: string;
}

export type SupporterResult = { ok: true; message: string } | { ok: false; status: 400 | 403 | 404; errors: string[] };

const maxActive = { mentor: 2, sponsor: 2 } as const;

export async function assignSupporter(db: Kysely<Database>, actor: AuthUser, personId: number, input: SupporterInput, options: { now?: Date } = {}): Promise<SupporterResult> {
	const label = supporterRoleLabels[input.role];
	if (!label) return { ok: false, status: 400, errors: ['请选择培养联系人或入党介绍人'] };
	if (!isCalendarDate(input.assignedOn)) return { ok: false, status: 400, errors: ['请填写确定日期（YYYY-MM-DD）'] };
	if (input.assignedOn > todayInShanghai(options.now)) return { ok: false, status: 400, errors: ['日期不能晚于今天'] };
	const parsed = text(`${label}的学号/工号`, { min: 1, max: 40 }).safeParse(input.username);
	if (!parsed.success) return { ok: false, status: 400, errors: [parsed.error.issues[0].message] };
	const username = parsed.data;
	return transact(db, async (trx): Promise<SupporterResult> => {
		const person = await lockPerson(trx, personId);
		if (!person) return { ok: false, status: 404, errors: ['未找到该人员'] };
		if (!developmentRights(actor, person.path).branch) return { ok: false, status: 403, errors: [`您无权为该人员确定${label}`] };
		if (!person.open) return { ok: false, status: 400, errors: ['尚未登记入党申请，请先登记入党申请书'] };
		const supporter = await trx
			.selectFrom('person as p')
			.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
			.select(['p.id', 'p.name', 'p.politicalStatus', 'o.path'])
			.where('p.username', '=', username)
			.executeTakeFirst();
		// Someone outside the actor's scope gets the answer of a 学号 that does not exist: no name, no status.
		if (!supporter || !can(actor, 'person.view', { orgPath: supporter.path, personId: supporter.id })) {
			return { ok: false, status: 400, errors: ['未找到该学号，或不在您的管理范围内'] };
		}
		if (supporter.id === personId) return { ok: false, status: 400, errors: [`本人不能作自己的${label}`] };
		if (supporter.politicalStatus !== 'member') return { ok: false, status: 400, errors: [`${supporter.name} 不是正式党员，不能作${label}`] };
		if (input.role === 'sponsor' && (await underDisciplinaryProbationOn(trx, [supporter.id], input.assignedOn)).size) {
			return { ok: false, status: 400, errors: [`${supporter.name} 正在受留党察看处分，不能作入党介绍人`] };
		}
		const active = await trx
			.selectFrom('developmentSupporter')
			.select(['supporterId'])
			.where('personId', '=', personId)
			.where('role', '=', input.role)
			.where('endedOn', 'is', null)
			.execute();
		if (active.some((s) => s.supporterId === supporter.id)) return { ok: false, status: 400, errors: [`${supporter.name} 已是${label}`] };
		if (active.length >= maxActive[input.role]) return { ok: false, status: 400, errors: [`${label}最多${maxActive[input.role]}名，请先结束一名`] };
		const row = await trx
			.insertInto('developmentSupporter')
			.values({ personId, role: input.role, supporterId: supporter.id, name: supporter.name, assignedOn: input.assignedOn, assignedBy: actor.id })
			.returning('id')
			.executeTakeFirstOrThrow();
		await appendAudit(trx, {
			actorId: actor.id,
			action: 'development.supporter',
			entityType: 'person',
			entityId: personId,
			after: { supporterRowId: row.id, role: input.role, supporterId: supporter.id, name: supporter.name, assignedOn: input.assignedOn }
		});
		return { ok: true, message: `已确定${supporter.name}为${label}` };
	});
}

/** `endedOn` is the first day the member no longer serves (exclusive): the checks count the assignment only on days before it. */
export async function endSupporter(db: Kysely<Database>, actor: AuthUser, personId: number, rowId: number, endedOn: string): Promise<SupporterResult> {
	if (!isCalendarDate(endedOn)) return { ok: false, status: 400, errors: ['请填写结束日期（YYYY-MM-DD）'] };
	return transact(db, async (trx): Promise<SupporterResult> => {
		const person = await lockPerson(trx, personId);
		if (!person) return { ok: false, status: 404, errors: ['未找到该人员'] };
		if (!developmentRights(actor, person.path).branch) return { ok: false, status: 403, errors: ['您无权修改该人员的培养联系人或入党介绍人'] };
		const row = await trx
			.selectFrom('developmentSupporter')
			.select(['id', 'role', 'name', 'assignedOn', 'endedOn'])
			.where('id', '=', rowId)
			.where('personId', '=', personId)
			.executeTakeFirst();
		if (!row || row.endedOn) return { ok: false, status: 404, errors: ['该记录不存在或已结束'] };
		if (endedOn < row.assignedOn) return { ok: false, status: 400, errors: [`结束日期不能早于确定日期（${row.assignedOn}）`] };
		await trx.updateTable('developmentSupporter').set({ endedOn }).where('id', '=', rowId).execute();
		await appendAudit(trx, {
			actorId: actor.id,
			action: 'development.supporter_end',
			entityType: 'person',
			entityId: personId,
			before: { supporterRowId: rowId, role: row.role, name: row.name, assignedOn: row.assignedOn },
			after: { endedOn }
		});
		return { ok: true, message: `${row.name} 不再担任${supporterRoleLabels[row.role]}（${endedOn}）` };
	});
}
