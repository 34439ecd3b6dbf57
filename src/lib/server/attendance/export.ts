import ExcelJS from 'exceljs';
import type { AttendanceSummaryRow } from './summary';

/** The cohort's attendance table as a sheet; numbers stay numbers so staff can sort and sum. */
export async function attendanceWorkbook(cohortName: string, rows: AttendanceSummaryRow[]) {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('考勤统计');
	sheet.columns = [
		{ header: '学号/工号', key: 'username', width: 14 },
		{ header: '姓名', key: 'name', width: 10 },
		{ header: '支部', key: 'orgName', width: 30 },
		{ header: '应到次数', key: 'sessions', width: 10 },
		{ header: '出勤', key: 'present', width: 8 },
		{ header: '迟到', key: 'late', width: 8 },
		{ header: '早退', key: 'earlyLeave', width: 8 },
		{ header: '请假', key: 'leave', width: 8 },
		{ header: '缺勤', key: 'absent', width: 8 },
		{ header: '出勤率', key: 'rate', width: 10 },
		{ header: '获得学时', key: 'hoursCredited', width: 10 }
	];
	sheet.getRow(1).font = { bold: true };
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	for (const r of rows) sheet.addRow({ ...r, rate: r.rate ?? '' });
	sheet.getColumn('username').numFmt = '@';
	sheet.getColumn('rate').numFmt = '0.0%';
	sheet.getColumn('hoursCredited').numFmt = '0.0';
	workbook.title = cohortName;
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}
