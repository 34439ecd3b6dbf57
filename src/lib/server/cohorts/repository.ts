import { sql, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../db/schema';
import { rolesGranting } from '../auth/authz';
import { containsPattern, inScope, overlapsScope } from '../auth/scope';
import type { Db } from '$lib/server/db';

export const cohortStatuses = ['open', 'closed'] as const;
export type CohortStatus = (typeof cohortStatuses)[number];

export interface CohortListQuery {
	personId: number;
	/** from cohortViewPaths(): cohorts whose scope lies within or above one of these */
	viewPaths: string[];
	/** where the user sees learners of cohorts they do not teach (for the counts) */
	learnerPaths: string[];
	q?: string;
	status?: CohortStatus;
	page: number;
	pageSize: number;
}

// Raw, because it is used inside queries with different table sets; `c` is always the cohort.
const teaches = (personId: number) =>
	sql<boolean>`exists (select 1 from cohort_instructor ci where ci.cohort_id = c.id and ci.person_id = ${personId})`;

/** Cohorts the user may see (see access.ts), newest first, with the learners they may see counted. */
export async function listCohorts(db: Db, query: CohortListQuery) {
	let base = db
		.selectFrom('cohort as c')
		.innerJoin('orgUnit as o', 'o.id', 'c.orgUnitId')
		.innerJoin('course as k', 'k.id', 'c.courseId')
		.where((eb) => eb.or([teaches(query.personId), overlapsScope('o.path', query.viewPaths)]));
	if (query.q) base = base.where((eb) => eb.or([eb('c.name', 'like', containsPattern(query.q!)), eb('k.title', 'like', containsPattern(query.q!))]));
	if (query.status) base = base.where('c.status', '=', query.status);
	const [rows, count] = await Promise.all([
		base
			.select((eb) => [
				'c.id',
				'c.name',
				'c.startsOn',
				'c.endsOn',
				'c.requiredHours',
				'c.status',
				'k.code as courseCode',
				'k.title as courseTitle',
				'o.name as orgName',
				teaches(query.personId).as('teaches'),
				eb
					.selectFrom('enrollment as e')
					.innerJoin('person as p', 'p.id', 'e.personId')
					.innerJoin('orgUnit as po', 'po.id', 'p.orgUnitId')
					.select(eb.fn.countAll<number>().as('n'))
					.whereRef('e.cohortId', '=', 'c.id')
					.where((w) => w.or([teaches(query.personId), inScope('po.path', query.learnerPaths)]))
					.as('learners')
			])
			.orderBy('c.startsOn', 'desc')
			.orderBy('c.id', 'desc')
			.limit(query.pageSize)
			.offset((query.page - 1) * query.pageSize)
			.execute(),
		base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows: rows.map((r) => ({ ...r, learners: Number(r.learners ?? 0) })), total: Number(count.n) };
}

export function getCohort(db: Db, id: number, personId: number) {
	return db
		.selectFrom('cohort as c')
		.innerJoin('orgUnit as o', 'o.id', 'c.orgUnitId')
		.innerJoin('course as k', 'k.id', 'c.courseId')
		.select((eb) => [
			'c.id',
			'c.name',
			'c.courseId',
			'c.orgUnitId',
			'c.startsOn',
			'c.endsOn',
			'c.requiredHours',
			'c.status',
			'c.createdAt',
			'k.code as courseCode',
			'k.title as courseTitle',
			'k.creditHours as courseHours',
			'o.name as orgName',
			'o.path as orgPath',
			teaches(personId).as('teaches'),
			jsonArrayFrom(
				eb
					.selectFrom('cohortInstructor as ci')
					.innerJoin('person as ip', 'ip.id', 'ci.personId')
					.select(['ip.id', 'ip.name', 'ip.username'])
					.whereRef('ci.cohortId', '=', 'c.id')
					.orderBy('ip.name')
			).as('instructors')
		])
		.where('c.id', '=', id)
		.executeTakeFirst();
}

export type CohortDetail = NonNullable<Awaited<ReturnType<typeof getCohort>>>;

/** Courses a cohort can run: those with at least one published lesson. */
export function courseOptions(db: Db) {
	return db
		.selectFrom('course as k')
		.select(['k.id', 'k.code', 'k.title', 'k.creditHours'])
		.where((eb) =>
			eb.exists(eb.selectFrom('lesson as l').select('l.id').whereRef('l.courseId', '=', 'k.id').where('l.publishedVersionId', 'is not', null))
		)
		.orderBy('k.code')
		.execute();
}

/**
 * Units a cohort may be scoped to, within the given subtrees: the school committee (a root)
 * or a college-level committee or general branch directly below it.
 */
export function scopeUnitOptions(db: Db, paths: string[]) {
	if (paths.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('orgUnit as o')
		.leftJoin('orgUnit as parent', 'parent.id', 'o.parentId')
		.select(['o.id', 'o.name', 'o.path', 'o.kind'])
		.where('o.archivedAt', 'is', null)
		.where((eb) =>
			eb.or([
				eb.and([eb('o.parentId', 'is', null), eb('o.kind', '=', 'committee')]),
				eb.and([eb('parent.parentId', 'is', null), eb('o.kind', 'in', ['committee', 'general_branch'])])
			])
		)
		.where(inScope('o.path', paths))
		.orderBy('o.path')
		.execute();
}

/** People whose roles carry cohort.teach somewhere: those who may be named a cohort's instructors. */
export function instructorOptions(db: Db) {
	return db
		.selectFrom('person as p')
		.select(['p.id', 'p.name', 'p.username'])
		.where('p.isActive', '=', true)
		.where((eb) => eb.exists(eb.selectFrom('roleAssignment as r').select('r.id').whereRef('r.personId', '=', 'p.id').where('r.role', 'in', rolesGranting('cohort.teach'))))
		.orderBy('p.name')
		.execute();
}

export async function setInstructors(trx: Transaction<Database>, cohortId: number, personIds: number[]) {
	await trx.deleteFrom('cohortInstructor').where('cohortId', '=', cohortId).execute();
	const ids = [...new Set(personIds)];
	if (ids.length) await trx.insertInto('cohortInstructor').values(ids.map((personId) => ({ cohortId, personId }))).execute();
}
