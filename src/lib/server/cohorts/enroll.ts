import { sql } from 'kysely';
import type { PoliticalStatus } from '../db/schema';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import { containsPattern, inScope } from '../auth/scope';
import type { Db } from '$lib/server/db';

/** Active people in `paths` matching part of a 学号/工号 or name, flagged when already enrolled. */
export function enrollCandidates(db: Db, cohortId: number, paths: string[], q: string, limit = 30) {
	if (paths.length === 0 || !q) return Promise.resolve([]);
	const like = containsPattern(q);
	return db
		.selectFrom('person as p')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.leftJoin('enrollment as e', (j) => j.onRef('e.personId', '=', 'p.id').on('e.cohortId', '=', cohortId))
		.select(['p.id', 'p.username', 'p.name', 'p.politicalStatus', 'o.name as orgName', sql<boolean>`e.id is not null`.as('enrolled')])
		.where('p.isActive', '=', true)
		.where(inScope('o.path', paths))
		.where((eb) => eb.or([eb('p.username', 'like', like), eb('p.name', 'like', like)]))
		.orderBy('o.path')
		.orderBy('p.username')
		.limit(limit)
		.execute();
}

/** The ids that are (active) people inside `paths`; anything else in `ids` is refused by the caller. */
export async function peopleInPaths(db: Db, ids: number[], paths: string[], { activeOnly = true } = {}) {
	if (ids.length === 0 || paths.length === 0) return [];
	let query = db
		.selectFrom('person as p')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select('p.id')
		.where('p.id', 'in', ids)
		.where(inScope('o.path', paths));
	if (activeOnly) query = query.where('p.isActive', '=', true);
	const rows = await query.execute();
	return rows.map((r) => r.id);
}

/** Everyone active at one stage in a unit's subtree (e.g. all 入党积极分子 of a branch). */
export async function peopleOfStage(db: Db, unitPath: string, status: PoliticalStatus) {
	const rows = await db
		.selectFrom('person as p')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select('p.id')
		.where(inScope('o.path', [unitPath]))
		.where('p.politicalStatus', '=', status)
		.where('p.isActive', '=', true)
		.execute();
	return rows.map((r) => r.id);
}

export interface EnrollBatch {
	actorId: number;
	cohortId: number;
	personIds: number[];
	/** how the batch was chosen, kept in the audit entry: { source: 'pick' | 'stage' | 'list', … } */
	detail: Record<string, unknown>;
}

export class CohortClosedError extends Error {
	constructor() {
		super('培训班已关闭，不能报名或退出，请先重新开放');
	}
}

/**
 * Enrols a batch in one transaction with one audit entry. People already enrolled are
 * skipped, not refused, so running the same batch twice changes nothing.
 */
export async function enrollPeople(db: Db, batch: EnrollBatch) {
	const ids = [...new Set(batch.personIds)];
	return transact(db, async (trx) => {
		const cohort = await trx.selectFrom('cohort').select('status').where('id', '=', batch.cohortId).forShare().executeTakeFirstOrThrow();
		if (cohort.status !== 'open') throw new CohortClosedError();
		const added = ids.length
			? (
					await trx
						.insertInto('enrollment')
						.values(ids.map((personId) => ({ cohortId: batch.cohortId, personId, enrolledBy: batch.actorId })))
						.onConflict((oc) => oc.columns(['cohortId', 'personId']).doNothing())
						.returning('personId')
						.execute()
				).map((r) => r.personId)
			: [];
		if (added.length) {
			await appendAudit(trx, {
				actorId: batch.actorId,
				action: 'cohort.enroll',
				entityType: 'cohort',
				entityId: batch.cohortId,
				after: { ...batch.detail, count: added.length, personIds: added.sort((a, b) => a - b) }
			});
		}
		return { added: added.length, already: ids.length - added.length };
	});
}

/** Removes one learner; their lesson progress stays with them (it belongs to the person). */
export async function withdrawLearner(db: Db, actorId: number, cohortId: number, personId: number) {
	return transact(db, async (trx) => {
		const cohort = await trx.selectFrom('cohort').select('status').where('id', '=', cohortId).forShare().executeTakeFirstOrThrow();
		if (cohort.status !== 'open') throw new CohortClosedError();
		const removed = await trx.deleteFrom('enrollment').where('cohortId', '=', cohortId).where('personId', '=', personId).returning('enrolledAt').executeTakeFirst();
		if (!removed) return false;
		await appendAudit(trx, {
			actorId,
			action: 'cohort.withdraw',
			entityType: 'cohort',
			entityId: cohortId,
			before: { personId, enrolledAt: removed.enrolledAt.toISOString() }
		});
		return true;
	});
}
