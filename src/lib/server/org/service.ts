import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { orgKinds } from '../db/schema';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import { insertOrgUnit } from './units';

export const orgUnitInput = z.object({
	name: z.string().trim().min(2, '名称至少 2 个字').max(60, '名称不能超过 60 个字'),
	code: z
		.string()
		.trim()
		.min(2, '代码至少 2 个字符')
		.max(20, '代码不能超过 20 个字符')
		.regex(/^[A-Za-z0-9-]+$/, '代码只能包含字母、数字和短横线')
		.transform((v) => v.toUpperCase()),
	kind: z.enum(orgKinds, { error: '请选择组织类型' }),
	hasBranchCommittee: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean())
});
export type OrgUnitInput = z.infer<typeof orgUnitInput>;

async function codeTaken(db: Kysely<Database>, code: string, exceptId?: number) {
	let q = db.selectFrom('orgUnit').select('id').where('code', '=', code);
	if (exceptId) q = q.where('id', '!=', exceptId);
	return Boolean(await q.executeTakeFirst());
}

export async function createOrgUnit(db: Kysely<Database>, actorId: number, parentId: number, input: OrgUnitInput) {
	if (await codeTaken(db, input.code)) return { ok: false as const, errors: { code: '该代码已被使用' } as Record<string, string> };
	const id = await transact(db, async (trx) => {
		const unit = await insertOrgUnit(trx, { parentId, ...input });
		await appendAudit(trx, { actorId, action: 'org.create', entityType: 'org_unit', entityId: unit.id, after: { parentId, ...input } });
		return unit.id;
	});
	return { ok: true as const, id };
}

export async function updateOrgUnit(db: Kysely<Database>, actorId: number, id: number, input: Omit<OrgUnitInput, 'kind'>) {
	if (await codeTaken(db, input.code, id)) return { ok: false as const, errors: { code: '该代码已被使用' } as Record<string, string> };
	await transact(db, async (trx) => {
		const before = await trx
			.selectFrom('orgUnit')
			.select(['name', 'code', 'hasBranchCommittee'])
			.where('id', '=', id)
			.forUpdate()
			.executeTakeFirstOrThrow();
		await trx.updateTable('orgUnit').set(input).where('id', '=', id).execute();
		await appendAudit(trx, { actorId, action: 'org.update', entityType: 'org_unit', entityId: id, before, after: input });
	});
	return { ok: true as const };
}
