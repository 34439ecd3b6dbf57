import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test-support/db';
import type { OpenDatabase } from '../db/engine';
import { cohortAccess } from '../cohorts/access';
import { saveAnswer, startAttempt, submitAttempt } from './attempts';
import { createExam } from './exams';
import { branchSummary, examResults, learnerAttempts } from './results';
import { itemAnalysis } from './analysis';
import { logEvents } from './events';
import { resultsWorkbook } from './export';
import { buildExamSchool, examValues } from '../../../test-support/quiz';
import type { PaperItem } from './tables';

let t: OpenDatabase;
let s: Awaited<ReturnType<typeof buildExamSchool>>['s'];
let cohortId: number;
let examId: number;
let scope: Parameters<typeof examResults>[1];

beforeAll(async () => {
	t = await testDatabase();
	({ s, cohortId } = await buildExamSchool(t.db));
	const { a1, a2, a3, m1 } = s.learners;
	examId = await createExam(t.db, s.users.admin.id, cohortId, examValues({ rules: [{ type: 'single', count: 4, points: 25 }], attemptsAllowed: 2, gradingMethod: 'highest', shuffleOptions: false }));
	scope = { examId, cohortId, gradingMethod: 'highest', passMark: 60, learnerPaths: null };
	// a1: 100 then 50 (highest counts 100); a2: 25; m1: 75; a3 running; m2 absent.
	const sit = async (personId: number, right: number) => {
		const { attemptId } = await startAttempt(t.db, examId, personId);
		const row = await t.db.selectFrom('examAttempt').select('paper').where('id', '=', attemptId).executeTakeFirstOrThrow();
		for (const [k, item] of (row.paper as PaperItem[]).entries()) await saveAnswer(t.db, { attemptId, personId, questionId: item.q, response: k < right ? 1 : 3, seq: 1 });
		return attemptId;
	};
	const first = await sit(a1.id, 4);
	await logEvents(t.db, first, a1.id, { events: [{ kind: 'hidden', at: new Date() }, { kind: 'paste', at: new Date(0) }] });
	await submitAttempt(t.db, first, a1.id);
	await submitAttempt(t.db, await sit(a1.id, 2), a1.id);
	await submitAttempt(t.db, await sit(a2.id, 1), a2.id);
	await submitAttempt(t.db, await sit(m1.id, 3), m1.id);
	await sit(a3.id, 0);
});
afterAll(() => t.close());

describe('exam results', () => {
	it('lists every enrolled learner with the attempt that counts', async () => {
		const { rows, total } = await examResults(t.db, scope, {}, 1, 20);
		expect(total).toBe(5);
		const by = Object.fromEntries(rows.map((r) => [r.username, r]));
		expect(by.C2401001).toMatchObject({ score: 100, passed: true, attempts: 2, events: 2 });
		expect(by.C2401002).toMatchObject({ score: 25, passed: false });
		expect(by.C2401003).toMatchObject({ score: null, running: true });
		expect(by.C2403002).toMatchObject({ score: null, running: false, attempts: 0 });
		const last = await examResults(t.db, { ...scope, gradingMethod: 'last' }, {}, 1, 20);
		expect(last.rows.find((r) => r.username === 'C2401001')).toMatchObject({ score: 50, passed: false });
	});

	it('filters by outcome and branch', async () => {
		expect((await examResults(t.db, scope, { outcome: 'passed' }, 1, 20)).rows.map((r) => r.username).sort()).toEqual(['C2401001', 'C2403001']);
		expect((await examResults(t.db, scope, { outcome: 'absent' }, 1, 20)).rows.map((r) => r.username)).toEqual(['C2403002']);
		expect((await examResults(t.db, scope, { outcome: 'running' }, 1, 20)).total).toBe(1);
		expect((await examResults(t.db, scope, { unitId: s.units.medUg1.id }, 1, 20)).total).toBe(2);
	});

	it('shows a secretary only the learners of their branch', async () => {
		const cohort = { orgPath: s.units.school.path, teaches: false };
		const other = cohortAccess(s.users.secretary2, cohort);
		expect(other.view).toBe(true);
		const theirs = await examResults(t.db, { ...scope, learnerPaths: other.learnerPaths }, {}, 1, 20);
		expect(theirs.rows.map((r) => r.username)).toEqual(['C2403001', 'C2403002']);
		const summary = await branchSummary(t.db, { ...scope, learnerPaths: other.learnerPaths });
		expect(summary).toEqual([{ unitId: s.units.medUg1.id, unitName: '临床医学支部', learners: 2, sat: 1, passed: 1, average: 75, highest: 75 }]);
		const items = await itemAnalysis(t.db, examId, other.learnerPaths);
		expect(items.reduce((n, i) => n + i.drawn, 0)).toBe(4);
	});

	it('summarises per branch for the instructor', async () => {
		const summary = await branchSummary(t.db, scope);
		expect(summary.find((b) => b.unitName === '计算机本科第一支部')).toMatchObject({ learners: 3, sat: 2, passed: 1, average: 62.5, highest: 100 });
	});

	it('keeps every attempt with timestamps and integrity events, clamped to the attempt', async () => {
		const attempts = await learnerAttempts(t.db, examId, s.learners.a1.id);
		expect(attempts.map((a) => [a.attemptNo, a.status, a.score, Number(a.answered), a.questions])).toEqual([
			[1, 'submitted', 100, 4, 4],
			[2, 'submitted', 50, 4, 4]
		]);
		expect(attempts[0].events.map((e) => e.kind).sort()).toEqual(['hidden', 'paste']);
		expect(attempts[0].events.every((e) => new Date(e.at) >= attempts[0].startedAt)).toBe(true);
		expect(await logEvents(t.db, attempts[0].id, s.learners.a2.id, { events: [{ kind: 'blur', at: new Date() }] })).toBe(0);
	});

	it('analyses items: correct rate and options chosen', async () => {
		const items = await itemAnalysis(t.db, examId, null);
		expect(items.reduce((n, i) => n + i.drawn, 0)).toBe(16);
		expect(items.reduce((n, i) => n + i.correct, 0)).toBe(4 + 2 + 1 + 3);
		for (const i of items) {
			expect(i.optionCounts.reduce((a, b) => a + b, 0)).toBe(i.answered);
			expect(i.optionCounts[1]).toBe(i.correct);
		}
	});

	it('exports results and attempts to XLSX', async () => {
		const { rows } = await examResults(t.db, scope, {}, 1, 1000);
		const bytes = await resultsWorkbook({ title: '结业考试', cohortName: '第45期', passMark: 60 }, rows, await branchSummary(t.db, scope));
		expect(bytes.byteLength).toBeGreaterThan(1000);
		const ExcelJS = (await import('exceljs')).default;
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(bytes as unknown as ArrayBuffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['成绩', '按支部']);
		expect(wb.worksheets[0].rowCount).toBe(6);
	});
});
