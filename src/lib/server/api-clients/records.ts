import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { inScope } from '../auth/scope';
import { clientScopePaths, type ApiClient } from '../auth/authz';
import { learnerCompletion } from '../completion/service';
import { certificateState, certificateStateLabels } from '../certificates/verify';
import { completionLabel } from '$lib/completion/label';
import { stageLabels } from '$lib/development/labels';
import { shanghaiDate } from '$lib/time/shanghai';
import type { ListQuery } from './query';

// What other systems read: one keyset-paginated list per resource, each limited to the client's
// units through authz (clientScopePaths), so a page never holds a person outside them.

export interface Page<T> {
	data: T[];
	/** pass as `cursor` for the next page; null on the last one */
	nextCursor: string | null;
}

function page<T>(rows: T[], limit: number, keyOf: (row: T) => number): Page<T> {
	const more = rows.length > limit;
	const data = more ? rows.slice(0, limit) : rows;
	return { data, nextCursor: more ? String(keyOf(data[data.length - 1])) : null };
}

const personColumns = ['p.id as personId', 'p.username', 'p.name', 'o.name as orgName'] as const;
const personOf = (r: { username: string; name: string; orgName: string }) => ({ username: r.username, name: r.name, orgUnit: r.orgName });

/** 证书: serial, course, dates and state (有效 / 已撤销 …), by certificate id. */
export async function certificates(db: Kysely<Database>, client: ApiClient, q: ListQuery, now = new Date()) {
	let query = db
		.selectFrom('certificate as c')
		.innerJoin('person as p', 'p.id', 'c.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select([...personColumns, 'c.id', 'c.serial', 'c.courseCode', 'c.courseTitle', 'c.cohortName', 'c.creditHours', 'c.issuedOn', 'c.validUntil', 'c.revokedAt', 'c.revokeReason', 'c.supersededAt'])
		.where(inScope('o.path', clientScopePaths(client, 'certificate.view')))
		.where('c.pdfSha256', 'is not', null)
		.orderBy('c.id')
		.limit(q.limit + 1);
	if (q.cursor !== null) query = query.where('c.id', '>', q.cursor);
	if (q.person !== null) query = query.where('p.username', '=', q.person);
	const today = shanghaiDate(now);
	return mapPage(page(await query.execute(), q.limit, (r) => r.id), (r) => {
		const state = certificateState(r, today);
		return {
			id: r.id,
			person: personOf(r),
			serial: r.serial,
			course: { code: r.courseCode, title: r.courseTitle },
			cohort: r.cohortName,
			creditHours: Number(r.creditHours),
			issuedOn: r.issuedOn,
			validUntil: r.validUntil,
			status: state,
			statusLabel: certificateStateLabels[state],
			revokedAt: r.revokedAt?.toISOString() ?? null,
			revokeReason: r.revokeReason
		};
	});
}

/** 发展阶段: each person's current stage and since when, by person id. */
export async function developmentStages(db: Kysely<Database>, client: ApiClient, q: ListQuery) {
	let query = db
		.selectFrom('developmentRecord as d')
		.innerJoin('person as p', 'p.id', 'd.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select([...personColumns, 'd.stage', 'd.stageSince', 'd.closedOn', 'd.closedReason', 'p.joinedOn', 'p.confirmedOn'])
		.where(inScope('o.path', clientScopePaths(client, 'development.view')))
		.orderBy('p.id')
		.limit(q.limit + 1);
	if (q.cursor !== null) query = query.where('p.id', '>', q.cursor);
	if (q.person !== null) query = query.where('p.username', '=', q.person);
	return mapPage(page(await query.execute(), q.limit, (r) => r.personId), (r) => ({
		person: personOf(r),
		stage: r.stage,
		stageLabel: stageLabels[r.stage],
		stageSince: r.stageSince,
		joinedOn: r.joinedOn,
		confirmedOn: r.confirmedOn,
		closedOn: r.closedOn,
		closedReason: r.closedReason
	}));
}

/** 培训档案: per person, every cohort with its 学时 and completion, by person id. */
export async function trainingRecords(db: Kysely<Database>, client: ApiClient, q: ListQuery, now = new Date()) {
	const paths = clientScopePaths(client, 'progress.view');
	let query = db
		.selectFrom('person as p')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select(personColumns)
		.where(inScope('o.path', paths))
		.where((eb) => eb.exists(eb.selectFrom('enrollment as e').select('e.id').whereRef('e.personId', '=', 'p.id')))
		.orderBy('p.id')
		.limit(q.limit + 1);
	if (q.cursor !== null) query = query.where('p.id', '>', q.cursor);
	if (q.person !== null) query = query.where('p.username', '=', q.person);
	const people = page(await query.execute(), q.limit, (r) => r.personId);
	const ids = people.data.map((p) => p.personId);
	if (ids.length === 0) return people;
	// One set-based pass for the whole page (completion/inputs.ts), never a query per person.
	const [{ rows }, held] = await Promise.all([
		learnerCompletion(db, { personIds: ids, paths }, now),
		db
			.selectFrom('certificate')
			.select(['cohortId', 'personId', 'serial'])
			.where('personId', 'in', ids)
			.where('revokedAt', 'is', null)
			.where('supersededAt', 'is', null)
			.where('pdfSha256', 'is not', null)
			.execute()
	]);
	const serialOf = new Map(held.map((c) => [`${c.cohortId}:${c.personId}`, c.serial]));
	return mapPage(people, (p) => {
		const cohorts = rows
			.filter((r) => r.personId === p.personId)
			.map((r) => {
				const serial = serialOf.get(`${r.cohortId}:${r.personId}`) ?? null;
				return {
					cohortId: r.cohortId,
					cohort: r.cohort.name,
					course: r.cohort.courseTitle,
					startsOn: r.cohort.startsOn,
					endsOn: r.cohort.endsOn,
					hours: r.result.hours,
					completion: r.result.state,
					completionLabel: completionLabel(r.result.state, serial !== null),
					certificateSerial: serial
				};
			});
		return { person: personOf(p), totalHours: Math.round(cohorts.reduce((s, c) => s + c.hours.total, 0) * 100) / 100, cohorts };
	});
}

function mapPage<T, U>(p: Page<T>, f: (row: T) => U): Page<U> {
	return { data: p.data.map(f), nextCursor: p.nextCursor };
}
