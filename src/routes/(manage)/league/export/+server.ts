import type { RequestHandler } from './$types';
import { identityColumns, xlsx, xlsxResponse } from '$lib/server/spreadsheet/write';
import { stageLabels } from '$lib/development/labels';
import { todayInShanghai } from '$lib/server/development/engine/dates';
import { leagueAccess, leagueFilter, leagueList } from '$lib/server/league/list';
import { fromReplica } from '$lib/server/db/read';

export const GET: RequestHandler = fromReplica(async ({ locals, url }) => {
	const { paths, branches } = await leagueAccess(locals.db);
	const rows = await leagueList(locals.db, paths, leagueFilter(url, branches));
	const columns = [
		...identityColumns,
		{ header: '所在支部', key: 'branchName', width: 28 },
		{ header: '阶段', key: 'stage', width: 12 },
		{ header: '共青团员', key: 'league', width: 10 },
		{ header: '最近推优', key: 'lastRecommendation', width: 12 }
	];
	const lines = rows.map((r) => ({ ...r, stage: stageLabels[r.stage], league: r.isLeagueMember ? '是' : '否', lastRecommendation: r.lastRecommendation ?? '' }));
	return xlsxResponse(await xlsx([{ name: '推优名单', columns, rows: lines }]), `推优名单-${todayInShanghai()}.xlsx`);
});
