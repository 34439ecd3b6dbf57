import { z } from 'zod';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import { inScope } from '../auth/scope';
import type { Db } from '$lib/server/db';

export const MAX_REFLECTION_CHARS = 20_000;

/** Characters as a reader counts them: no spaces or line breaks. */
export function countChars(text: string) {
	return [...text.replace(/\s/g, '')].length;
}

export const reflectionInput = z.object({
	body: z.string({ error: '请填写心得体会' }).trim().min(1, '请填写心得体会').max(MAX_REFLECTION_CHARS * 2, `心得体会不能超过 ${MAX_REFLECTION_CHARS} 字`)
});

export const reviewInput = z.discriminatedUnion('decision', [
	z.object({ decision: z.literal('approved'), comment: z.string().trim().max(500, '意见不能超过 500 字').default('') }),
	z.object({ decision: z.literal('returned'), comment: z.string({ error: '退回时请写明修改意见' }).trim().min(1, '退回时请写明修改意见').max(500, '意见不能超过 500 字') })
]);

export function myReflection(db: Db, cohortId: number, personId: number) {
	return db
		.selectFrom('reflection as r')
		.leftJoin('person as p', 'p.id', 'r.reviewedBy')
		.select(['r.id', 'r.body', 'r.chars', 'r.status', 'r.submittedAt', 'r.reviewedAt', 'r.reviewComment', 'p.name as reviewerName'])
		.where('r.cohortId', '=', cohortId)
		.where('r.personId', '=', personId)
		.executeTakeFirst();
}

export type SubmitResult = { ok: true } | { ok: false; message: string };

/** Saves (or replaces) the learner's essay for review; an approved essay is final. */
export async function submitReflection(db: Db, input: { cohortId: number; personId: number; body: string; minChars: number }): Promise<SubmitResult> {
	const chars = countChars(input.body);
	if (chars < input.minChars) return { ok: false, message: `心得体会不少于 ${input.minChars} 字，当前 ${chars} 字` };
	if (chars > MAX_REFLECTION_CHARS) return { ok: false, message: `心得体会不能超过 ${MAX_REFLECTION_CHARS} 字` };
	return transact(db, async (trx) => {
		const current = await trx
			.selectFrom('reflection')
			.select(['id', 'status', 'chars'])
			.where('cohortId', '=', input.cohortId)
			.where('personId', '=', input.personId)
			.forUpdate()
			.executeTakeFirst();
		if (current?.status === 'approved') return { ok: false as const, message: '心得体会已审核通过，不能再修改' };
		const values = { body: input.body, chars, status: 'submitted' as const, submittedAt: new Date(), reviewedBy: null, reviewedAt: null, reviewComment: null };
		const row = await trx
			.insertInto('reflection')
			.values({ cohortId: input.cohortId, personId: input.personId, ...values })
			.onConflict((oc) => oc.columns(['cohortId', 'personId']).doUpdateSet(values))
			.returning('id')
			.executeTakeFirstOrThrow();
		await appendAudit(trx, {
			actorId: input.personId,
			action: 'reflection.submit',
			entityType: 'reflection',
			entityId: row.id,
			before: current ? { status: current.status, chars: current.chars } : null,
			after: { cohortId: input.cohortId, status: 'submitted', chars }
		});
		return { ok: true as const };
	});
}

/** An instructor's decision on a submitted essay; only a submitted one can be decided. */
export async function reviewReflection(db: Db, input: { id: number; cohortId: number; actorId: number; decision: 'approved' | 'returned'; comment: string }) {
	return transact(db, async (trx) => {
		const row = await trx
			.updateTable('reflection')
			.set({ status: input.decision, reviewedBy: input.actorId, reviewedAt: new Date(), reviewComment: input.comment || null })
			.where('id', '=', input.id)
			.where('cohortId', '=', input.cohortId)
			.where('status', '=', 'submitted')
			.returning(['id', 'personId'])
			.executeTakeFirst();
		if (!row) return false;
		await appendAudit(trx, {
			actorId: input.actorId,
			action: input.decision === 'approved' ? 'reflection.approve' : 'reflection.return',
			entityType: 'reflection',
			entityId: row.id,
			before: { status: 'submitted' },
			after: { status: input.decision, comment: input.comment || null, personId: row.personId }
		});
		return true;
	});
}

/** A cohort's essays for review, oldest waiting first, limited to the learners the user sees. */
export function cohortReflections(db: Db, cohortId: number, options: { paths: string[] | null; status?: 'submitted' | 'approved' | 'returned' }) {
	if (options.paths?.length === 0) return Promise.resolve([]);
	let q = db
		.selectFrom('reflection as r')
		.innerJoin('person as p', 'p.id', 'r.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select(['r.id', 'r.personId', 'r.body', 'r.chars', 'r.status', 'r.submittedAt', 'r.reviewedAt', 'r.reviewComment', 'p.name', 'p.username', 'o.name as orgName'])
		.where('r.cohortId', '=', cohortId);
	if (options.status) q = q.where('r.status', '=', options.status);
	if (options.paths) q = q.where(inScope('o.path', options.paths));
	return q.orderBy((eb) => eb.case().when('r.status', '=', 'submitted').then(0).else(1).end()).orderBy('r.submittedAt').execute();
}
