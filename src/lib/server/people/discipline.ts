import { z } from 'zod';
import { sql, type Expression, type Transaction } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/schema';
import type { AuthUser } from '../auth/session';
import { can } from '../auth/authz';
import { appendAudit } from '../audit/log';
import { calendarDate, optionalText, text } from '$lib/validation/fields';
import { disciplineKinds, disciplineLabels, type DisciplineKind } from '$lib/people/registry';
import { addMonths, todayInShanghai } from '../development/engine/dates';

// 处分 (《中国共产党纪律处分条例》第八条): recorded and voided by committee-level roles only, each
// change audited. 留党察看 lasts one or two years (《党章》第四十条); during it the member has no
// vote and may not sponsor an applicant, which the development engine reads from here.

export const disciplineInput = z
	.object({
		kind: z.enum(disciplineKinds, { error: '请选择处分种类' }),
		startsOn: calendarDate('处分生效日期'),
		endsOn: z.string().trim().default(''),
		decidedBy: text('决定机关', { min: 1, max: 60 }),
		documentNo: optionalText('文号', 60),
		reason: text('处分事由', { min: 1, max: 500 })
	})
	.superRefine((v, ctx) => {
		const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['endsOn'], message });
		if (v.kind !== 'probation') {
			if (v.endsOn) issue('只有留党察看有察看期，其他处分不填截止日期');
			return;
		}
		if (!calendarDate('察看期截止日期').safeParse(v.endsOn).success) return issue('请填写留党察看的截止日期（年-月-日）');
		if (v.endsOn < v.startsOn) return issue('察看期截止日期不能早于生效日期');
		if (v.endsOn > addMonths(v.startsOn, 24)) issue(`留党察看最长两年，截止日期不应晚于 ${addMonths(v.startsOn, 24)}`);
	})
	.transform((v) => ({ ...v, endsOn: v.kind === 'probation' ? v.endsOn : null, documentNo: v.documentNo || null }));
export type DisciplineInput = z.infer<typeof disciplineInput>;

export const voidInput = z.object({ reason: text('撤销记录的原因', { min: 1, max: 200 }) });

type Person = { id: number; orgPath: string };
export type DisciplineResult = { ok: true; id: number; message: string } | { ok: false; status: 400 | 403 | 404; message: string };

const needsFullMember: readonly DisciplineKind[] = ['probation', 'expulsion'];

export async function recordDiscipline(trx: Transaction<Database>, actor: AuthUser, person: Person, input: DisciplineInput, now = new Date()): Promise<DisciplineResult> {
	if (!can(actor, 'discipline.record', { orgPath: person.orgPath })) return { ok: false, status: 403, message: '只有党委一级可以记录处分' };
	if (input.startsOn > todayInShanghai(now)) return { ok: false, status: 400, message: '处分生效日期不能晚于今天' };
	// The row lock serialises two committees recording for the same person at once.
	const p = await trx.selectFrom('person').select(['politicalStatus', 'name']).where('id', '=', person.id).forUpdate().executeTakeFirst();
	if (!p) return { ok: false, status: 404, message: '未找到该人员' };
	if (p.politicalStatus !== 'member' && p.politicalStatus !== 'probationary') return { ok: false, status: 400, message: '党纪处分只适用于党员' };
	if (p.politicalStatus === 'probationary' && needsFullMember.includes(input.kind)) {
		return { ok: false, status: 400, message: '预备党员不适用留党察看或开除党籍，应按规定取消其预备党员资格' };
	}
	const open = await trx
		.selectFrom('personDiscipline')
		.select(['kind', 'startsOn', 'endsOn'])
		.where('personId', '=', person.id)
		.where('voidedAt', 'is', null)
		.where('kind', 'in', ['probation', 'expulsion'])
		.execute();
	if (open.some((d) => d.kind === 'expulsion')) return { ok: false, status: 400, message: `${p.name} 已记录开除党籍处分` };
	const overlap = input.kind === 'probation' && open.find((d) => d.kind === 'probation' && d.startsOn <= input.endsOn! && input.startsOn <= d.endsOn!);
	if (overlap) return { ok: false, status: 400, message: `与已记录的留党察看（${overlap.startsOn} 至 ${overlap.endsOn}）期间重叠` };
	const { id } = await trx
		.insertInto('personDiscipline')
		.values({ personId: person.id, ...input, recordedBy: actor.id })
		.returning('id')
		.executeTakeFirstOrThrow();
	await appendAudit(trx, { actorId: actor.id, action: 'person.discipline', entityType: 'person', entityId: person.id, after: { disciplineId: id, ...input } });
	const label = disciplineLabels[input.kind];
	const message = input.kind === 'expulsion' ? `已记录${label}处分；请同时将其政治面貌改为“群众”` : `已记录${label}处分`;
	return { ok: true, id, message };
}

/** A mistaken record is voided, never deleted: the register keeps what was once recorded. */
export async function voidDiscipline(trx: Transaction<Database>, actor: AuthUser, person: Person, disciplineId: number, reason: string): Promise<DisciplineResult> {
	if (!can(actor, 'discipline.record', { orgPath: person.orgPath })) return { ok: false, status: 403, message: '只有党委一级可以撤销处分记录' };
	const row = await trx
		.selectFrom('personDiscipline')
		.select(['id', 'kind', 'startsOn', 'endsOn', 'voidedAt'])
		.where('id', '=', disciplineId)
		.where('personId', '=', person.id)
		.forUpdate()
		.executeTakeFirst();
	if (!row || row.voidedAt) return { ok: false, status: 404, message: '该处分记录不存在或已撤销' };
	await trx.updateTable('personDiscipline').set({ voidedAt: new Date(), voidedBy: actor.id, voidReason: reason }).where('id', '=', row.id).execute();
	await appendAudit(trx, {
		actorId: actor.id,
		action: 'person.discipline_void',
		entityType: 'person',
		entityId: person.id,
		before: { disciplineId: row.id, kind: row.kind, startsOn: row.startsOn, endsOn: row.endsOn },
		after: { voidReason: reason }
	});
	return { ok: true, id: row.id, message: `已撤销该${disciplineLabels[row.kind]}记录` };
}

/** A person's 处分, newest first, voided ones included (shown struck through). */
export function listDiscipline(db: Db, personId: number) {
	return db
		.selectFrom('personDiscipline as d')
		.leftJoin('person as r', 'r.id', 'd.recordedBy')
		.select(['d.id', 'd.kind', 'd.startsOn', 'd.endsOn', 'd.decidedBy', 'd.documentNo', 'd.reason', 'd.recordedAt', 'd.voidedAt', 'd.voidReason', 'r.name as recordedByName'])
		.where('d.personId', '=', personId)
		.orderBy('d.startsOn', 'desc')
		.orderBy('d.id', 'desc')
		.execute();
}

/**
 * `exists (…)`: true when the person was under 留党察看 on `on` (the decision's date): for
 * set-based queries such as counting the members with a vote.
 */
export function underDisciplinaryProbationSql(personId: Expression<number>, on: string) {
	return sql<boolean>`exists (
		select 1 from person_discipline pd
		where pd.person_id = ${personId} and pd.kind = 'probation' and pd.voided_at is null
			and pd.starts_on <= ${on}::date and pd.ends_on >= ${on}::date)`;
}

/** The people among `personIds` who were under 留党察看 on `on`: they have no vote and may not sponsor. */
export async function underDisciplinaryProbationOn(db: Db, personIds: readonly number[], on: string): Promise<Set<number>> {
	if (personIds.length === 0) return new Set();
	const rows = await db
		.selectFrom('personDiscipline')
		.select('personId')
		.distinct()
		.where('personId', 'in', [...new Set(personIds)])
		.where('kind', '=', 'probation')
		.where('voidedAt', 'is', null)
		.where('startsOn', '<=', on)
		.where('endsOn', '>=', on)
		.execute();
	return new Set(rows.map((r) => r.personId));
}
