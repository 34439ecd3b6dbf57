import { describe, expect, it } from 'vitest';
import { cadence } from './periodic';
import { dossier, run, settingsFor } from '../../../../../test-support/development-engine';

const activist = (decidedOn: string, evaluations: string[], candidateOn?: string) =>
	dossier({
		decisions: [
			{ stage: 'activist', decidedOn, decidedBy: 'branch_committee', filedOn: decidedOn },
			...(candidateOn ? [{ stage: 'candidate' as const, decidedOn: candidateOn, decidedBy: 'branch_committee' as const, filedOn: candidateOn }] : [])
		],
		evaluations
	});

describe('cadence', () => {
	it('finds the first gap and the next due date', () => {
		expect(cadence('2025-01-15', ['2025-07-15', '2026-02-01'], '2026-03-01', 6)).toEqual({
			gap: { after: '2025-07-15', dueBy: '2026-01-15' },
			count: 2,
			last: '2026-02-01',
			nextDue: '2026-08-01'
		});
		expect(cadence('2025-01-15', ['2025-07-15'], '2025-12-01', 6)).toEqual({ gap: null, count: 1, last: '2025-07-15', nextDue: '2026-01-15' });
	});
});

describe('evaluations', () => {
	it('passes with one evaluation each half year, telling when the next is due', () => {
		expect(run('evaluations', dossier(), 'to_candidate', '2026-09-29')).toMatchObject({
			status: 'pass',
			reason: '已考察2次，最近一次 2026-09-08；下次应于 2027-03-08 前考察',
			dueDate: '2027-03-08'
		});
	});

	it('allows exactly six months, clamped at month end, and fails a day later', () => {
		expect(run('evaluations', activist('2025-08-31', ['2026-02-28', '2026-08-20'], '2026-09-01'), 'to_candidate', '2026-09-01').status).toBe('pass');
		const late = run('evaluations', activist('2025-08-31', ['2026-03-01', '2026-08-20'], '2026-09-01'), 'to_candidate', '2026-09-01');
		expect(late).toMatchObject({ status: 'fail', reason: '2025-08-31 之后6个月内没有培养教育考察记录（应于 2026-02-28 前考察）', exemptable: false });
	});

	it('fails when the last half year before the decision has no evaluation', () => {
		const r = run('evaluations', activist('2025-09-15', ['2026-03-10'], '2026-09-29'), 'to_candidate', '2026-09-29');
		expect(r).toMatchObject({ status: 'fail', dueDate: '2026-09-10' });
	});

	it('passes a new activist with no evaluation due yet', () => {
		expect(run('evaluations', activist('2026-09-01', []), 'to_candidate', '2026-11-26').reason).toBe('成为入党积极分子未满半年，尚无考察；下次应于 2027-03-01 前考察');
	});
});

describe('thought-reports', () => {
	it('passes quarterly reports', () => {
		expect(run('thought-reports', dossier(), 'to_candidate', '2026-09-29')).toMatchObject({ status: 'pass', dueDate: '2026-11-20', source: '学校规定' });
	});

	it('fails a missing quarter and follows the school interval', () => {
		const d = dossier({ thoughtReports: ['2025-11-20', '2026-05-20', '2026-08-20'] });
		expect(run('thought-reports', d, 'to_candidate', '2026-09-29')).toMatchObject({ status: 'fail', reason: '2025-11-20 之后3个月内没有思想汇报（应于 2026-02-20 前提交）' });
		expect(run('thought-reports', d, 'to_candidate', '2026-09-29', settingsFor({ 'thought-reports': { intervalMonths: 6 } })).status).toBe('pass');
	});
});
