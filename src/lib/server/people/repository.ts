import type { Kysely, Transaction } from 'kysely';
import type { Database, PoliticalStatus } from '../db/schema';
import type { PersonInput } from '$lib/people/schema';
import { appendAudit } from '../audit/log';
import { transact } from '../db/transact';
import { containsPattern, inScope } from '../auth/scope';

export interface PeopleQuery {
	paths: string[]; // the caller's scope: only people in these subtrees
	q?: string; // name or 学号/工号, partial
	underPath?: string; // narrow to one unit's subtree (a filter, not a permission)
	status?: PoliticalStatus;
	page: number;
	pageSize: number;
}

export type PeopleFilter = Omit<PeopleQuery, 'page' | 'pageSize'>;

/** People in the caller's scope matching the filters: the base of the list and the export. */
export function peopleInScope(db: Kysely<Database>, query: PeopleFilter) {
	let base = db
		.selectFrom('person as p')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.where(inScope('o.path', query.paths));
	if (query.q) {
		const like = containsPattern(query.q);
		base = base.where((eb) => eb.or([eb('p.name', 'like', like), eb('p.username', 'like', like)]));
	}
	if (query.underPath) base = base.where(inScope('o.path', [query.underPath]));
	if (query.status) base = base.where('p.politicalStatus', '=', query.status);
	return base;
}

export async function searchPeople(db: Kysely<Database>, query: PeopleQuery) {
	if (query.paths.length === 0) return { rows: [], total: 0 };
	const base = peopleInScope(db, query);
	const [rows, count] = await Promise.all([
		base
			.select([
				'p.id',
				'p.username',
				'p.name',
				'p.gender',
				'p.politicalStatus',
				'p.grade',
				'p.classGroup',
				'p.isActive',
				'o.name as orgName',
				'o.path as orgPath'
			])
			.orderBy('o.path')
			.orderBy('p.username')
			.limit(query.pageSize)
			.offset((query.page - 1) * query.pageSize)
			.execute(),
		base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: Number(count.n) };
}

/** A person's entry in the registry (名册), as the person page shows it and the roster export writes it. */
export const registryColumns = [
	'p.username',
	'p.name',
	'p.gender',
	'p.birthDate',
	'p.grade',
	'p.classGroup',
	'p.politicalStatus',
	'p.phone',
	'p.graduationDate',
	'p.ethnicity',
	'p.nativePlace',
	'p.education',
	'p.joinedOn',
	'p.confirmedOn'
] as const;

export function getPerson(db: Kysely<Database>, id: number) {
	return db
		.selectFrom('person as p')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select([
			'p.id',
			...registryColumns,
			'p.orgUnitId',
			'p.isActive',
			'p.mustChangePassword',
			'p.createdAt',
			'p.updatedAt',
			'o.name as orgName',
			'o.path as orgPath'
		])
		.where('p.id', '=', id)
		.executeTakeFirst();
}

const auditedFields = [
	'username',
	'name',
	'gender',
	'birthDate',
	'orgUnitId',
	'grade',
	'classGroup',
	'politicalStatus',
	'phone',
	'graduationDate',
	'ethnicity',
	'nativePlace',
	'education',
	'joinedOn',
	'confirmedOn'
] as const;

export function personSnapshot(p: Partial<Record<(typeof auditedFields)[number], unknown>>) {
	return Object.fromEntries(auditedFields.map((f) => [f, p[f] ?? null]));
}

export async function createPerson(
	trx: Transaction<Database>,
	actorId: number | null,
	input: PersonInput,
	extra: { passwordHash?: string | null; mustChangePassword?: boolean } = {}
) {
	const { id } = await trx
		.insertInto('person')
		.values({ ...input, ...extra })
		.returning('id')
		.executeTakeFirstOrThrow();
	await appendAudit(trx, {
		actorId,
		action: 'person.create',
		entityType: 'person',
		entityId: id,
		after: personSnapshot(input)
	});
	return id;
}

/** Updates only what changed; returns false when nothing did (no audit entry then). */
export async function updatePerson(trx: Transaction<Database>, actorId: number | null, id: number, input: PersonInput) {
	const before = await trx.selectFrom('person').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
	const was = personSnapshot(before);
	const now = personSnapshot(input);
	const changed = auditedFields.filter((f) => was[f] !== now[f]);
	if (changed.length === 0) return false;
	const set = Object.fromEntries(changed.map((f) => [f, input[f]]));
	await trx
		.updateTable('person')
		.set({ ...set, updatedAt: new Date() })
		.where('id', '=', id)
		.execute();
	await appendAudit(trx, {
		actorId,
		action: 'person.update',
		entityType: 'person',
		entityId: id,
		before: Object.fromEntries(changed.map((f) => [f, was[f]])),
		after: Object.fromEntries(changed.map((f) => [f, now[f]]))
	});
	return true;
}

/** Deactivating ends the person's sessions; they can no longer sign in. */
export async function setPersonActive(db: Kysely<Database>, actorId: number, id: number, isActive: boolean) {
	await transact(db, async (trx) => {
		const before = await trx.selectFrom('person').select('isActive').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
		if (before.isActive === isActive) return;
		await trx.updateTable('person').set({ isActive, updatedAt: new Date() }).where('id', '=', id).execute();
		if (!isActive) await trx.deleteFrom('authSession').where('personId', '=', id).execute();
		await appendAudit(trx, {
			actorId,
			action: isActive ? 'person.activate' : 'person.deactivate',
			entityType: 'person',
			entityId: id,
			before: { isActive: before.isActive },
			after: { isActive }
		});
	});
}
