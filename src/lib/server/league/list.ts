import { error } from '@sveltejs/kit';
import { sql } from 'kysely';
import { requireUser } from '../auth/guard';
import { leagueScope } from '../development/access';
import { listOrgUnits } from '../org/units';
import { containsPattern, escapeLike, inScope } from '../auth/scope';
import { intParam } from '../http/paging';
import type { Db } from '$lib/server/db';

/** The League (团委) records 推优 for the colleges it serves; the organisation department may too. */
export async function leagueAccess(db: Db) {
	const user = requireUser();
	const paths = leagueScope(user);
	if (paths.length === 0) error(403, '推优登记仅供团委使用');
	const branches = (await listOrgUnits(db, paths)).filter((u) => u.kind === 'branch').map((u) => ({ id: u.id, name: u.name }));
	return { user, paths, branches };
}

export interface LeagueFilter {
	branch?: number;
	q?: string;
	/** 'pending': League members without a 推优 yet. */
	status?: 'pending' | 'done';
}

export function leagueFilter(url: URL, branches: { id: number }[]): LeagueFilter {
	const branch = intParam(url, 'branch');
	const status = url.searchParams.get('status');
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 50);
	return {
		branch: branch && branches.some((b) => b.id === branch) ? branch : undefined,
		q: q || undefined,
		status: status === 'pending' || status === 'done' ? status : undefined
	};
}

// A 推优 or a League opinion recorded for the person and not voided.
const recommendation = sql<boolean>`e.person_id = p.id and e.kind = 'nomination' and e.voided_at is null and e.details->>'kind' in ('league_recommendation', 'league_opinion')`;

/** Applicants and activists in scope matching the filter, unordered. */
function matching(db: Db, paths: string[], f: LeagueFilter) {
	let q = db
		.selectFrom('developmentRecord as r')
		.innerJoin('person as p', 'p.id', 'r.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.where('r.closedOn', 'is', null)
		.where('r.stage', 'in', ['applicant', 'activist'])
		.where(inScope('o.path', paths));
	if (f.branch) q = q.where('p.orgUnitId', '=', f.branch);
	if (f.q) q = q.where((eb) => eb.or([eb('p.username', 'like', `${escapeLike(f.q!)}%`), eb('p.name', 'like', containsPattern(f.q!))]));
	const recommended = sql<boolean>`exists (select 1 from development_entry e where ${recommendation})`;
	if (f.status === 'pending') q = q.where('r.isLeagueMember', '=', true).where(sql<boolean>`not ${recommended}`);
	if (f.status === 'done') q = q.where(recommended);
	return q;
}

/** With their latest 推优 or League opinion, in tree order. */
function listed(db: Db, paths: string[], f: LeagueFilter) {
	return matching(db, paths, f)
		.select(['p.id', 'p.username', 'p.name', 'p.birthDate', 'o.name as branchName', 'r.stage', 'r.stageSince', 'r.isLeagueMember', sql<string | null>`(select max(e.occurred_on) from development_entry e where ${recommendation})`.as('lastRecommendation')])
		.orderBy('o.path')
		.orderBy('p.username');
}

/** Every matching person: the export. */
export function leagueList(db: Db, paths: string[], f: LeagueFilter) {
	return listed(db, paths, f).execute();
}

/** One page of matching people and how many match. */
export async function leaguePage(db: Db, paths: string[], f: LeagueFilter, page: number, pageSize: number) {
	const [rows, count] = await Promise.all([
		listed(db, paths, f).limit(pageSize).offset((page - 1) * pageSize).execute(),
		matching(db, paths, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: Number(count.n) };
}
