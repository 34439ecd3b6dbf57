import { describe, expect, it } from 'vitest';
import { dueItems } from './due-items';
import type { PersonDossier } from './types';
import { cpc2026 } from './rule-sets';
import { calendar, defaults, dossier, settingsFor, without } from '../../../../test-support/development-engine';

const due = (d: PersonDossier, today: string, settings = defaults) => dueItems(d, settings, { today, calendar });
const kinds = (d: PersonDossier, today: string) => due(d, today).map((i) => [i.kind, i.dueDate, i.status]);

const applicant = dossier({ stage: 'applicant', application: { submittedOn: '2026-11-10' }, talks: [], decisions: [], publicNotices: [] });
const activist = dossier({
	stage: 'activist',
	decisions: [{ stage: 'activist', decidedOn: '2026-03-01', decidedBy: 'branch_committee', filedOn: '2026-03-05' }],
	evaluations: ['2026-08-20'],
	thoughtReports: ['2026-06-01', '2026-09-01'],
	publicNotices: []
});

describe('dueItems', () => {
	it('lists the talk with an applicant: upcoming, due this month, overdue', () => {
		expect(kinds(applicant, '2026-11-26')).toEqual([['talk', '2026-12-10', 'upcoming']]);
		expect(kinds(applicant, '2026-12-05')).toEqual([['talk', '2026-12-10', 'due_this_month']]);
		expect(kinds(applicant, '2026-12-11')).toEqual([['talk', '2026-12-10', 'overdue']]);
		expect(due({ ...applicant, talks: [{ kind: 'application', heldOn: '2026-11-20', by: 'branch' }] }, '2026-12-11')).toEqual([]);
	});

	it('lists an activist’s one-year date, next evaluation and next thought report, sorted by date', () => {
		expect(kinds(activist, '2026-11-26')).toEqual([
			['thought-report', '2026-12-01', 'upcoming'],
			['evaluation', '2027-02-20', 'upcoming'],
			['one-year', '2027-03-01', 'upcoming']
		]);
		expect(due(activist, '2026-11-26').find((i) => i.kind === 'one-year')?.title).toBe('培养考察满一年，可讨论确定为发展对象');
	});

	it('reports a missed thought report as overdue, and drops it when the school switches reports off', () => {
		const behind = { ...activist, thoughtReports: ['2026-06-01'] };
		expect(kinds(behind, '2026-11-26')).toContainEqual(['thought-report', '2026-09-01', 'overdue']);
		expect(due(behind, '2026-11-26', settingsFor({ 'thought-reports': { enabled: false } })).map((i) => i.kind)).not.toContain('thought-report');
	});

	it('counts the next evaluation from the last one, even after a gap long past', () => {
		const lateOnce = { ...activist, evaluations: ['2026-10-01'] };
		expect(kinds(lateOnce, '2026-11-26')).toContainEqual(['evaluation', '2027-04-01', 'upcoming']);
	});

	it('keeps a reached milestone in its month only', () => {
		expect(kinds(activist, '2027-03-10')).toContainEqual(['one-year', '2027-03-01', 'due_this_month']);
		expect(due(activist, '2027-04-01').map((i) => i.kind)).not.toContain('one-year');
	});

	it('gives a notice’s end in working days, across National Day', () => {
		const d = { ...activist, publicNotices: [{ kind: 'candidate' as const, startsOn: '2026-09-29', workingDays: 5, unresolvedObjections: false }] };
		expect(due(d, '2026-10-05').find((i) => i.kind === 'notice-end')).toEqual({
			kind: 'notice-end',
			title: '发展对象公示期满',
			dueDate: '2026-10-10',
			status: 'due_this_month'
		});
	});

	it('flags a notice end estimated without the next year’s calendar', () => {
		const d = { ...activist, publicNotices: [{ kind: 'candidate' as const, startsOn: '2026-12-28', workingDays: 5, unresolvedObjections: false }] };
		expect(due(d, '2026-12-01').find((i) => i.kind === 'notice-end')).toMatchObject({ dueDate: '2027-01-01', status: 'upcoming', missingYears: [2027] });
	});

	it('tracks the approval limit, then the 6-month hard stop', () => {
		const waiting = { ...without.approval(dossier({ publicNotices: [] }), 'admission'), stage: 'candidate' as const };
		expect(kinds(waiting, '2027-01-10')).toEqual([['approval', '2027-03-15', 'upcoming']]);
		expect(due(waiting, '2027-03-20')).toEqual([{ kind: 'approval', title: '党委审批接收预备党员（特殊情况最迟期限）', dueDate: '2027-06-15', status: 'upcoming' }]);
		expect(kinds(waiting, '2027-06-20')).toEqual([['approval', '2027-06-15', 'overdue']]);
	});

	it('lists the end of probation, extended if need be, until the confirmation meeting is held', () => {
		const probationary = without.meeting(dossier({ stage: 'probationary', publicNotices: [] }), 'confirmation');
		expect(kinds(probationary, '2027-12-03')).toEqual([['probation-end', '2027-12-15', 'due_this_month']]);
		expect(kinds(probationary, '2028-01-05')).toEqual([['probation-end', '2027-12-15', 'overdue']]);
		// An extension keeps the 考察 and the reports going, and asks for a new application at its end.
		expect(kinds({ ...probationary, probationExtensions: [{ decidedOn: '2027-12-20', months: 6 }] }, '2028-01-05')).toEqual([
			['thought-report', '2028-03-05', 'upcoming'],
			['evaluation', '2028-06-05', 'upcoming'],
			['probation-end', '2028-06-15', 'upcoming'],
			['confirmation-application', '2028-06-15', 'upcoming']
		]);
		expect(due(dossier({ stage: 'probationary', publicNotices: [] }), '2028-01-05')).toEqual([]);
	});

	it('lists the confirmation approval after the confirmation meeting', () => {
		const d = without.approval(dossier({ stage: 'probationary', publicNotices: [] }), 'confirmation');
		expect(kinds(d, '2028-01-05')).toEqual([['approval', '2028-03-20', 'upcoming']]);
	});

	describe('the steps after admission', () => {
		const probationary = without.meeting(dossier({ stage: 'probationary', publicNotices: [] }), 'confirmation');
		const bare = { ...probationary, filings: [], placements: [], oaths: [], confirmationApplications: [] };

		it('lists the filing, the placement in a party group and the oath from the approval', () => {
			expect(due(bare, '2027-01-20').filter((i) => ['filing', 'placement', 'oath'].includes(i.kind))).toEqual([
				{ kind: 'filing', title: '接收预备党员报上级组织部门备案', dueDate: '2027-02-08', status: 'upcoming' },
				{ kind: 'placement', title: '编入党支部和党小组', dueDate: '2027-02-08', status: 'upcoming' },
				{ kind: 'oath', title: '组织入党宣誓', dueDate: '2027-04-08', status: 'upcoming' }
			]);
			expect(kinds(bare, '2027-03-01')).toContainEqual(['placement', '2027-02-08', 'overdue']);
			expect(kinds(bare, '2027-03-01')).toContainEqual(['oath', '2027-04-08', 'upcoming']);
			expect(due(bare, '2027-03-01', settingsFor({}, cpc2026)).find((i) => i.kind === 'oath')).toMatchObject({ dueDate: '2027-02-08', status: 'overdue' });
		});

		it('lists the probation’s half-yearly 考察 and quarterly reports, and the written application at its end', () => {
			const none = { ...bare, evaluations: [], thoughtReports: [] };
			expect(kinds(none, '2027-05-01').filter(([kind]) => kind === 'evaluation' || kind === 'thought-report')).toEqual([
				['thought-report', '2027-03-15', 'overdue'],
				['evaluation', '2027-06-15', 'upcoming']
			]);
			expect(kinds(bare, '2027-11-20')).toContainEqual(['confirmation-application', '2027-12-15', 'upcoming']);
			expect(kinds(bare, '2027-12-20')).toContainEqual(['confirmation-application', '2027-12-15', 'overdue']);
			expect(due(probationary, '2027-11-20').map((i) => i.kind)).toEqual(['probation-end']);
		});

		it('lists the archive after the confirmation approval, until it is done', () => {
			const member = dossier({ stage: 'member', publicNotices: [], archives: [] });
			expect(kinds(member, '2028-01-20')).toEqual([['archive', '2028-02-10', 'upcoming']]);
			expect(kinds(member, '2028-03-01')).toEqual([['archive', '2028-02-10', 'overdue']]);
			expect(due(dossier({ stage: 'member', publicNotices: [] }), '2028-03-01')).toEqual([]);
		});
	});
});
