import { identityColumns, xlsx } from '../spreadsheet/write';
import type { AttendanceSummaryRow } from './summary';

/** The cohort's attendance table as a sheet; numbers stay numbers so staff can sort and sum. */
export function attendanceWorkbook(cohortName: string, rows: AttendanceSummaryRow[]) {
	const columns = [
		...identityColumns,
		{ header: '支部', key: 'orgName', width: 30 },
		{ header: '应到次数', key: 'sessions', width: 10 },
		{ header: '出勤', key: 'present', width: 8 },
		{ header: '迟到', key: 'late', width: 8 },
		{ header: '早退', key: 'earlyLeave', width: 8 },
		{ header: '请假', key: 'leave', width: 8 },
		{ header: '缺勤', key: 'absent', width: 8 },
		{ header: '出勤率', key: 'rate', width: 10, format: '0.0%' },
		{ header: '获得学时', key: 'hoursCredited', width: 10, format: '0.0' }
	];
	return xlsx([{ name: '考勤统计', columns, rows: rows.map((r) => ({ ...r, rate: r.rate ?? '' })) }], { title: cohortName });
}
