import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { inScope } from '../auth/scope';
import { auditChanges, auditSubject, mentionedIds, type AuditNames } from './words';

export function auditFor(db: Kysely<Database>, entityType: string, entityId: number | string, limit: number) {
	return db
		.selectFrom('auditLog as a')
		.leftJoin('person as actor', 'actor.id', 'a.actorId')
		.select(['a.id', 'a.at', 'a.action', 'a.entityType', 'a.entityId', 'a.before', 'a.after', 'actor.name as actorName'])
		.where('a.entityType', '=', entityType)
		.where('a.entityId', '=', String(entityId))
		.orderBy('a.id', 'desc')
		.limit(limit)
		.execute();
}

/**
 * Audit entries a scoped viewer may read: about a person or unit in their subtrees,
 * or made by someone in them.
 */
export async function auditInScope(db: Kysely<Database>, paths: string[], filter: { action?: string; page: number; pageSize: number }) {
	const inPaths = (col: string) => inScope(col, paths);
	let base = db
		.selectFrom('auditLog as a')
		.where((eb) =>
			eb.or([
				eb.and([
					eb('a.entityType', '=', 'person'),
					eb.exists(
						eb.selectFrom('person as p').innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId').select('p.id')
							.where(sql<boolean>`cast(p.id as text) = a.entity_id`).where(inPaths('o.path'))
					)
				]),
				eb.and([
					eb('a.entityType', '=', 'org_unit'),
					eb.exists(eb.selectFrom('orgUnit as o').select('o.id').where(sql<boolean>`cast(o.id as text) = a.entity_id`).where(inPaths('o.path')))
				]),
				eb.exists(
					eb.selectFrom('person as p').innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId').select('p.id')
						.whereRef('p.id', '=', 'a.actorId').where(inPaths('o.path'))
				)
			])
		);
	if (filter.action) base = base.where('a.action', '=', filter.action);
	const [rows, count] = await Promise.all([
		base
			.leftJoin('person as actor', 'actor.id', 'a.actorId')
			.select(['a.id', 'a.at', 'a.action', 'a.entityType', 'a.entityId', 'a.before', 'a.after', 'actor.name as actorName', 'actor.username as actorUsername'])
			.orderBy('a.id', 'desc')
			.limit(filter.pageSize)
			.offset((filter.page - 1) * filter.pageSize)
			.execute(),
		base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: Number(count.n) };
}

/** The names a page of entries mentions (see words.ts): one query per kind, none when nothing is mentioned. */
export async function auditNames(db: Kysely<Database>, entries: Parameters<typeof mentionedIds>[0]): Promise<AuditNames> {
	const ids = mentionedIds(entries);
	const load = async (table: 'person' | 'orgUnit' | 'cohort', set: Set<number>) =>
		set.size ? new Map((await db.selectFrom(table).select(['id', 'name']).where('id', 'in', [...set]).execute()).map((r) => [r.id, r.name])) : new Map<number, string>();
	const titled = async (table: 'course' | 'lesson', set: Set<number>) =>
		set.size ? new Map((await db.selectFrom(table).select(['id', 'title']).where('id', 'in', [...set]).execute()).map((r) => [r.id, r.title])) : new Map<number, string>();
	const [person, orgUnit, cohort, course, lesson] = await Promise.all([
		load('person', ids.person),
		load('orgUnit', ids.orgUnit),
		load('cohort', ids.cohort),
		titled('course', ids.course),
		titled('lesson', ids.lesson)
	]);
	return { person, orgUnit, cohort, course, lesson };
}

/** Entries with their subject and changes in words, for a page to show (the JSON stays alongside). */
export async function describeAudit<E extends { entityType: string; entityId: string | null; before: unknown; after: unknown }>(db: Kysely<Database>, entries: E[]) {
	const names = await auditNames(db, entries);
	return entries.map((e) => ({ ...e, subject: auditSubject(e.entityType, e.entityId, names), changes: auditChanges(e.before, e.after, names) }));
}
