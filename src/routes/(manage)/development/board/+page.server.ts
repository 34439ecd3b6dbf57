import type { PageServerLoad } from './$types';
import { intParam } from '$lib/server/http/paging';
import { rulesInEffect } from '$lib/server/development/settings/rules-in-effect';
import { assessPeople, pipelinePeople, summarise } from '$lib/server/development/reports/board';
import { staffScope } from '../scope.server';
import { fromReplica } from '$lib/server/db/read';

// One branch at a glance: how many at each stage, who is held up by which check, who becomes
// eligible when. A secretary with one branch lands on it directly.
export const load: PageServerLoad = fromReplica(async ({ locals, url }) => {
	const { paths, branches } = await staffScope(locals.db);
	const wanted = intParam(url, 'branch');
	const branch = branches.find((b) => b.id === wanted) ?? (branches.length === 1 ? branches[0] : undefined);
	if (!branch) return { branches, branch: null, board: null };
	const rules = await rulesInEffect(locals.db);
	const people = await assessPeople(locals.db, await pipelinePeople(locals.db, paths, { orgUnitId: branch.id }), rules);
	const summary = summarise(people);
	return {
		branches,
		branch,
		today: rules.today,
		board: {
			summary,
			people: people.map((p) => ({
				id: p.id,
				name: p.name,
				username: p.username,
				stage: p.stage,
				stageSince: p.stageSince,
				next: p.next,
				standing: p.standing,
				eligibleOn: p.eligibleOn,
				blockers: p.blockers.map((b) => ({ title: b.title, status: b.status, reason: b.reason })),
				exemptions: p.exemptions.map((x) => x.title),
				overdue: p.due.filter((d) => d.status === 'overdue').length
			}))
		}
	};
});
