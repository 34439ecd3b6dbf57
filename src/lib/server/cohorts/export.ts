import { identityColumns, xlsx } from '../spreadsheet/write';
import type { LearnerProgress } from './progress';
import { formatShanghai } from '$lib/time/shanghai';

/** The learners table as a sheet: numbers stay numbers so staff can sort and sum in Excel. */
export function progressWorkbook(cohortName: string, rows: LearnerProgress[]) {
	const columns = [
		...identityColumns,
		{ header: '支部', key: 'orgName', width: 30 },
		{ header: '已完成必修课时', key: 'lessonsDone', width: 14 },
		{ header: '必修课时数', key: 'lessonsRequired', width: 12 },
		{ header: '已获学时', key: 'hoursCredited', width: 10, format: '0.0' },
		{ header: '要求学时', key: 'requiredHours', width: 10 },
		{ header: '最近学习', key: 'lastActivity', width: 18 },
		{ header: '学习状态', key: 'state', width: 10 }
	];
	const lines = rows.map((r) => ({
		...r,
		lastActivity: r.lastActivityAt ? formatShanghai(r.lastActivityAt, 'yyyy/M/d HH:mm') : '',
		state: r.onlineDone ? '学习已完成' : '学习未完成'
	}));
	return xlsx([{ name: '学习进度', columns, rows: lines }], { title: cohortName });
}
