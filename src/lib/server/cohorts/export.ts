import ExcelJS from 'exceljs';
import type { LearnerProgress } from './progress';
import { formatShanghai } from '$lib/time/shanghai';


/** The learners table as a sheet: numbers stay numbers so staff can sort and sum in Excel. */
export async function progressWorkbook(cohortName: string, rows: LearnerProgress[]) {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('学习进度');
	sheet.columns = [
		{ header: '学号/工号', key: 'username', width: 14 },
		{ header: '姓名', key: 'name', width: 10 },
		{ header: '支部', key: 'orgName', width: 30 },
		{ header: '已完成必修课时', key: 'lessonsDone', width: 14 },
		{ header: '必修课时数', key: 'lessonsRequired', width: 12 },
		{ header: '已获学时', key: 'hoursCredited', width: 10 },
		{ header: '要求学时', key: 'requiredHours', width: 10 },
		{ header: '最近学习', key: 'lastActivity', width: 18 },
		{ header: '学习状态', key: 'state', width: 10 }
	];
	sheet.getRow(1).font = { bold: true };
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	for (const r of rows) {
		sheet.addRow({
			...r,
			lastActivity: r.lastActivityAt ? formatShanghai(r.lastActivityAt, 'yyyy/M/d HH:mm') : '',
			state: r.complete ? '学习已完成' : '学习未完成'
		});
	}
	sheet.getColumn('username').numFmt = '@';
	sheet.getColumn('hoursCredited').numFmt = '0.0';
	workbook.title = cohortName;
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}
