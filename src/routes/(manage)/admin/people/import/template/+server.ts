import type { RequestHandler } from './$types';
import { requireScope } from '$lib/server/auth/guard';
import { rosterWorkbook } from '$lib/server/people/import/workbook';
import { xlsxResponse } from '$lib/server/spreadsheet/write';
import { todayInShanghai } from '$lib/server/development/engine/dates';

export const GET: RequestHandler = async () => {
	requireScope('roster.import');
	const bytes = await rosterWorkbook([
		{
			username: '2024010001',
			name: '王小明',
			gender: 'male',
			birthDate: '2006-05-01',
			orgCode: 'CS-UG1',
			grade: '2024',
			classGroup: '计科2401班',
			politicalStatus: 'league_member',
			phone: '13800000000',
			graduationDate: '2028-06-30',
			ethnicity: '汉族',
			nativePlace: '江苏南京',
			education: 'high_school',
			idNumber: null,
			joinedOn: null,
			confirmedOn: null
		}
	], todayInShanghai());
	return xlsxResponse(bytes, '名册导入模板.xlsx');
};
