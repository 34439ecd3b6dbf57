import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { attendanceWorkbook } from '../attendance/export';
import { progressWorkbook } from '../cohorts/export';
import { branchWorkbook } from '../completion/branch-export';

// The exports that have no test of their own: each sheet keeps its name, its header and the
// 学号 column as text (a leading zero must survive), whatever helper the columns come from.

async function firstSheet(bytes: Uint8Array) {
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(bytes as unknown as ArrayBuffer);
	const sheet = book.worksheets[0];
	return { name: sheet.name, header: (sheet.getRow(1).values as unknown[]).slice(1), username: sheet.getCell('A2'), title: book.title };
}

const person = { username: '0012345', name: '甲同学', orgName: '计算机学院本科生第一党支部' };

describe('the sheets of the cohort exports', () => {
	it('考勤统计', async () => {
		const row = { ...person, sessions: 4, present: 3, late: 0, earlyLeave: 0, leave: 1, absent: 0, rate: 0.75, hoursCredited: 6 };
		const s = await firstSheet(await attendanceWorkbook('第45期', [row as never]));
		expect(s).toMatchObject({ name: '考勤统计', title: '第45期', header: ['学号/工号', '姓名', '支部', '应到次数', '出勤', '迟到', '早退', '请假', '缺勤', '出勤率', '获得学时'] });
		expect([s.username.value, s.username.numFmt]).toEqual(['0012345', '@']);
	});

	it('学习进度', async () => {
		const row = { ...person, lessonsDone: 2, lessonsRequired: 3, hoursCredited: 1.5, requiredHours: 4, lastActivityAt: null, onlineDone: false };
		const s = await firstSheet(await progressWorkbook('第45期', [row as never]));
		expect(s).toMatchObject({ name: '学习进度', header: ['学号/工号', '姓名', '支部', '已完成必修课时', '必修课时数', '已获学时', '要求学时', '最近学习', '学习状态'] });
		expect([s.username.value, s.username.numFmt]).toEqual(['0012345', '@']);
	});

	it('结业情况', async () => {
		const row = { ...person, cohortName: '第45期', courseTitle: '入党积极分子培训', startsOn: '2026-03-01', endsOn: '2026-04-30', stateLabel: '已结业', hours: 12, lacking: [], certificate: null };
		const s = await firstSheet(await branchWorkbook([row as never]));
		expect(s).toMatchObject({ name: '结业情况', header: ['学号/工号', '姓名', '所在支部', '培训班', '课程', '起止日期', '结业状态', '计入学时', '尚缺', '证书编号', '有效期至', '证书状态'] });
		expect([s.username.value, s.username.numFmt]).toEqual(['0012345', '@']);
	});
});
