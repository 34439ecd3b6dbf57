import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { AuthUser } from '$lib/server/auth/session';
import { seededTestDatabase, personWithHistory, type SeededTest } from '../../../../test-support/development-db';
import { runLoad } from '../../../../test-support/load';
import { statisticsWorkbook } from '$lib/server/development/reports/statistics-workbook';
import { shanghaiDate } from '$lib/time/shanghai';
import { statisticsFor } from './query.server';

// Who may read the year report, and of which units: the organisation department the school, a
// college's 组织员 their college; a branch secretary, the League and a learner are refused.

let { t, s } = {} as SeededTest;
const today = shanghaiDate();
const year = Number(today.slice(0, 4));

beforeAll(async () => {
	({ t, s } = await seededTestDatabase());
	// Applied this year (in January, or a fortnight ago early in the year), in each college.
	const since = today.slice(5) > '01-20' ? `${year}-01-15` : today;
	for (const unit of [s.csBranch.id, s.csBranch.id, s.medBranch.id]) await personWithHistory(t.db, s, unit, { stage: 'applicant', since, today, bare: true });
});
afterAll(() => t.close());

const ask = (user: AuthUser, query = '') =>
	runLoad((event: { locals: { db: typeof t.db }; url: URL }) => statisticsFor(event.locals.db, event.url), { db: t.db, user, path: `/development/statistics${query}` });

async function refusal(p: Promise<unknown>) {
	try {
		await p;
	} catch (e) {
		return e as { status: number; body: { message: string } };
	}
	throw new Error('expected a refusal');
}

describe('the annual statistics page', () => {
	it('gives the organisation department the whole school, college by college', async () => {
		const { stats, scopeName } = await ask(s.users.admin);
		expect(scopeName).toBe('示范大学党委');
		expect(stats.year).toBe(year);
		expect(stats.total.applicants).toBe(3);
		expect(stats.byDimension.college.map((r) => [r.label, r.counts.applicants])).toEqual([['计算机学院党委', 2], ['医学院党总支', 1]]);
	});

	it('gives a college organiser their college only: the other college is neither listed nor counted', async () => {
		const { stats, scopeName } = await ask(s.users.organizer);
		expect(scopeName).toBe('计算机学院党委');
		expect(stats.total.applicants).toBe(2);
		expect(stats.byDimension.college.map((r) => r.label)).toEqual(['计算机学院党委']);
		const med = await ask(s.users.medOrganizer);
		expect(med.stats.total.applicants).toBe(1);
		expect(med.stats.byDimension.college.map((r) => r.label)).toEqual(['医学院党总支']);
	});

	it('refuses a branch secretary, the League and a learner', async () => {
		const learner: AuthUser = { ...s.users.secretary, id: s.members[0].id, username: s.members[0].username, roles: [] };
		for (const user of [s.users.secretary, s.users.league, learner]) {
			const e = await refusal(ask(user));
			expect(e.status, user.username).toBe(403);
			expect(e.body.message).toBe('发展党员统计仅供学院组织员和党委组织部查看');
		}
	});

	it('answers a year it cannot count with a Chinese message, never a 500', async () => {
		for (const bad of ['abc', '1999', String(year + 1), '2026.5', '２０２６', "2026' or 1=1", '-2026']) {
			const e = await refusal(ask(s.users.admin, `?year=${encodeURIComponent(bad)}`));
			expect(e.status, bad).toBe(400);
			expect(e.body.message).toBe(`统计年度应为 2000 年至 ${year} 年之间的四位年份`);
		}
		expect((await ask(s.users.admin, `?year=${year - 1}`)).stats.total.applicants).toBe(0);
	});

	it('exports the same figures as the page, a sheet per breakdown with its 合计', async () => {
		const { stats, scopeName } = await ask(s.users.admin);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await statisticsWorkbook(stats, scopeName)).buffer as ArrayBuffer);
		expect(book.worksheets.map((w) => w.name)).toEqual(['按学院', '按性别', '按民族', '按年级', '按学历', '统计口径']);
		const colleges = book.getWorksheet('按学院')!;
		expect(colleges.getRow(1).getCell(1).value).toBe(`${year}年度发展党员统计（示范大学党委）：按学院`);
		expect(colleges.getRow(2).values).toEqual([undefined, '学院', '入党申请人', '入党积极分子', '发展对象', '接收预备党员', '转正']);
		expect(colleges.getRow(3).values).toEqual([undefined, '计算机学院党委', 2, 0, 0, 0, 0]);
		expect(colleges.getRow(5).values).toEqual([undefined, '合计', 3, 0, 0, 0, 0]);
		expect(book.getWorksheet('按民族')!.getRow(3).values).toEqual([undefined, '未填写', 3, 0, 0, 0, 0]);
	});
});
