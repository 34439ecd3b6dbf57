import type { PageServerLoad } from './$types';
import { parsePaging } from '$lib/server/http/paging';
import { rulesInEffect } from '$lib/server/development/settings/rules-in-effect';
import { assessPeople, pipelinePeople, type PipelinePerson } from '$lib/server/development/reports/board';
import { listFilter, staffScope } from '../scope.server';
import type { Db } from '$lib/server/db';

async function notYetApplied(db: Db, username: string, paths: string[]) {
	const p = await db
		.selectFrom('person as p')
		.innerJoin('orgUnit as o', 'o.id', 'p.orgUnitId')
		.leftJoin('developmentRecord as r', 'r.personId', 'p.id')
		.select(['p.id', 'p.name', 'p.username', 'o.path', 'r.closedOn', 'r.stage'])
		.where('p.username', '=', username)
		.executeTakeFirst();
	if (!p || !paths.some((x) => p.path.startsWith(x)) || (p.stage && !p.closedOn)) return null;
	return { id: p.id, name: p.name, username: p.username };
}

const standings = ['ready', 'waiting', 'todo'] as const;

// Everyone in the pipeline within the viewer's branches. Only the page shown is assessed, unless
// the list is filtered by standing (then everyone matching the other filters is).
export const load: PageServerLoad = async ({ locals, url }) => {
	const { paths, branches, links } = await staffScope(locals.db);
	const filter = listFilter(url, branches);
	const standing = standings.find((s) => s === url.searchParams.get('standing'));
	const { page, pageSize } = parsePaging(url);
	const rules = await rulesInEffect(locals.db);
	const people = await pipelinePeople(locals.db, paths, filter);
	let shown: PipelinePerson[];
	let total: number;
	let assessed;
	if (standing) {
		const all = (await assessPeople(locals.db, people, rules)).filter((p) => p.standing === standing);
		total = all.length;
		assessed = all.slice((page - 1) * pageSize, page * pageSize);
	} else {
		total = people.length;
		shown = people.slice((page - 1) * pageSize, page * pageSize);
		assessed = await assessPeople(locals.db, shown, rules);
	}
	// Someone not yet in the pipeline, looked up by exact 学号: the way to record a new application.
	const newcomer = filter.q && total === 0 ? await notYetApplied(locals.db, filter.q, paths) : null;
	return {
		newcomer,
		branches,
		links,
		filter: { branch: filter.orgUnitId ?? null, stage: filter.stage ?? '', q: filter.q ?? '', standing: standing ?? '' },
		page,
		pageSize,
		total,
		rows: assessed.map((p) => ({
			id: p.id,
			name: p.name,
			username: p.username,
			branchName: p.branchName,
			stage: p.stage,
			stageSince: p.stageSince,
			next: p.next,
			standing: p.standing,
			eligibleOn: p.eligibleOn,
			blockers: p.blockers.map((b) => b.title),
			exemptions: p.exemptions.map((x) => x.title),
			external: p.external,
			imported: p.imported
		}))
	};
};
