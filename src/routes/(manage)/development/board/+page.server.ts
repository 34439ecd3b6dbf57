import type { PageServerLoad } from './$types';
import { intParam } from '$lib/server/http/paging';
import { developmentStages, type DevelopmentStage } from '$lib/server/development/tables';
import { rulesInEffect } from '$lib/server/development/settings/rules-in-effect';
import { boardPage } from '$lib/server/development/reports/board';
import { staffScope } from '../scope.server';
import { fromReplica } from '$lib/server/db/read';

// One branch at a glance: how many at each stage, who is held up by which check, who becomes
// eligible when. A secretary with one branch lands on it directly. The counts are SQL; only the
// page shown (filtered by stage or name in SQL) is loaded and checked, however big the branch.
export const load: PageServerLoad = fromReplica(async ({ locals, url }) => {
	const { paths, branches } = await staffScope(locals.db);
	const wanted = intParam(url, 'branch');
	const branch = branches.find((b) => b.id === wanted) ?? (branches.length === 1 ? branches[0] : undefined);
	if (!branch) return { branches, branch: null, filter: { stage: '', q: '' }, board: null };
	const stageParam = url.searchParams.get('stage') ?? '';
	const stage = (developmentStages as readonly string[]).includes(stageParam) ? (stageParam as DevelopmentStage) : undefined;
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 50);
	const rules = await rulesInEffect(locals.db);
	const board = await boardPage(locals.db, paths, { orgUnitId: branch.id, stage, q: q || undefined }, rules, intParam(url, 'page') ?? 1);
	return {
		branches,
		branch,
		today: rules.today,
		filter: { stage: stage ?? '', q },
		board: {
			counts: board.counts,
			total: board.total,
			page: board.page,
			pageSize: board.pageSize,
			people: board.people.map((p) => ({
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
