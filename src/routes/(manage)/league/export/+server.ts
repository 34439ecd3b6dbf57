import ExcelJS from 'exceljs';
import type { RequestHandler } from './$types';
import { xlsxResponse } from '$lib/server/people/import/workbook';
import { stageLabels } from '$lib/development/labels';
import { todayInShanghai } from '$lib/server/development/engine/dates';
import { leagueAccess, leagueFilter, leagueList } from '$lib/server/league/list';
import { fromReplica } from '$lib/server/db/read';

export const GET: RequestHandler = fromReplica(async ({ locals, url }) => {
	const { paths, branches } = await leagueAccess(locals.db);
	const rows = await leagueList(locals.db, paths, leagueFilter(url, branches));
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('推优名单');
	sheet.columns = [
		{ header: '学号/工号', key: 'username', width: 14 },
		{ header: '姓名', key: 'name', width: 10 },
		{ header: '所在支部', key: 'branchName', width: 28 },
		{ header: '阶段', key: 'stage', width: 12 },
		{ header: '共青团员', key: 'league', width: 10 },
		{ header: '最近推优', key: 'lastRecommendation', width: 12 }
	];
	sheet.getRow(1).font = { bold: true };
	for (const r of rows) sheet.addRow({ ...r, stage: stageLabels[r.stage], league: r.isLeagueMember ? '是' : '否', lastRecommendation: r.lastRecommendation ?? '' });
	sheet.getColumn('username').numFmt = '@';
	return xlsxResponse(new Uint8Array(await workbook.xlsx.writeBuffer()), `推优名单-${todayInShanghai()}.xlsx`);
});
