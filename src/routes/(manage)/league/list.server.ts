import { error } from '@sveltejs/kit';
import { sql } from 'kysely';
import { requireUser } from '$lib/server/auth/guard';
import type { Db } from '$lib/server/db';
import { leagueScope as leaguePaths } from '$lib/server/development/access';
import { listOrgUnits } from '$lib/server/org/units';
import { containsPattern, escapeLike, inScope } from '$lib/server/auth/scope';
import { intParam } from '$lib/server/http/paging';

/** The League (团委) records 推优 for the colleges it serves; the organisation department may too. */
export async function leagueScope(db: Db) {
	const user = requireUser();
	const paths = leaguePaths(user);
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

/** Applicants and activists in scope with their latest 推优 or League opinion. */
export function leagueList(db: Db, paths: string[], f: LeagueFilter) {
	let q = db
		.selectFrom('developmentRecord as r')
		.innerJoin('person as p', 'p.id', 'r.personId')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.select((eb) => [
			'p.id',
			'p.username',
			'p.name',
			'p.birthDate',
			'o.name as branchName',
			'r.stage',
			'r.stageSince',
			'r.isLeagueMember',
			eb
				.selectFrom('developmentEntry as e')
				.select(sql<string | null>`max(e.occurred_on)`.as('d'))
				.whereRef('e.personId', '=', 'p.id')
				.where('e.kind', '=', 'nomination')
				.where('e.voidedAt', 'is', null)
				.where(sql<boolean>`e.details->>'kind' in ('league_recommendation', 'league_opinion')`)
				.as('lastRecommendation')
		])
		.where('r.closedOn', 'is', null)
		.where('r.stage', 'in', ['applicant', 'activist'])
		.where(inScope('o.path', paths));
	if (f.branch) q = q.where('p.orgUnitId', '=', f.branch);
	if (f.q) q = q.where((eb) => eb.or([eb('p.username', 'like', `${escapeLike(f.q!)}%`), eb('p.name', 'like', containsPattern(f.q!))]));
	const recommended = sql<boolean>`exists (select 1 from development_entry e where e.person_id = p.id and e.kind = 'nomination' and e.voided_at is null and e.details->>'kind' in ('league_recommendation', 'league_opinion'))`;
	if (f.status === 'pending') q = q.where('r.isLeagueMember', '=', true).where(sql<boolean>`not ${recommended}`);
	if (f.status === 'done') q = q.where(recommended);
	return q.orderBy('o.path').orderBy('p.username');
}
