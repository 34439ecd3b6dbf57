import { describe, expect, it } from 'vitest';
import type { Approval } from '../types';
import { dossier, run, without } from '../testing';

const approvedOn = (date: string, approverKind: Approval['approverKind'] = 'committee') =>
	dossier({ approvals: [{ purpose: 'admission', approvedOn: date, approverKind }] });
const unapproved = without.approval(dossier(), 'admission');

describe('approver', () => {
	it('passes approval by a committee', () => {
		expect(run('approver', dossier(), 'to_probationary', '2027-01-08')).toMatchObject({ status: 'pass', reason: '党委于 2027-01-08 审批' });
	});

	it('fails approval by a general branch', () => {
		expect(run('approver', approvedOn('2027-01-08', 'general_branch'), 'to_probationary', '2027-01-08')).toMatchObject({ status: 'fail', exemptable: false });
	});

	it('is pending until approved, per purpose', () => {
		expect(run('approver', unapproved, 'to_probationary', '2027-01-08').status).toBe('pending');
		expect(run('approver', without.approval(dossier(), 'confirmation'), 'to_member', '2028-01-10').status).toBe('pending');
	});
});

describe('approval-3m', () => {
	it('passes approval within 3 months of the meeting', () => {
		expect(run('approval-3m', dossier(), 'to_probationary', '2027-01-08')).toMatchObject({ status: 'pass', reason: '支部大会（2026-12-15）后于 2027-01-08 审批（期限 2027-03-15）' });
	});

	it('passes on the 3-month date, warns after it up to 6 months, fails beyond', () => {
		expect(run('approval-3m', approvedOn('2027-03-15'), 'to_probationary', '2027-03-15').status).toBe('pass');
		expect(run('approval-3m', approvedOn('2027-03-16'), 'to_probationary', '2027-03-16').status).toBe('warn');
		expect(run('approval-3m', approvedOn('2027-06-15'), 'to_probationary', '2027-06-15').status).toBe('warn');
		expect(run('approval-3m', approvedOn('2027-06-16'), 'to_probationary', '2027-06-16')).toMatchObject({
			status: 'fail',
			reason: '审批（2027-06-16）超过6个月最长期限（2027-06-15），支部大会决议失效'
		});
	});

	it('is pending with the limit while waiting, warns past it, fails past the hard stop', () => {
		expect(run('approval-3m', unapproved, 'to_probationary', '2027-03-15')).toMatchObject({ status: 'pending', dueDate: '2027-03-15' });
		expect(run('approval-3m', unapproved, 'to_probationary', '2027-03-16')).toMatchObject({ status: 'warn', dueDate: '2027-06-15' });
		expect(run('approval-3m', unapproved, 'to_probationary', '2027-06-16').status).toBe('fail');
	});

	it('clamps the limit at month end', () => {
		const d = without.approval(
			dossier({ branchMeetings: [{ ...dossier().branchMeetings[0], heldOn: '2026-11-30' }] }),
			'admission'
		);
		expect(run('approval-3m', d, 'to_probationary', '2027-01-10')).toMatchObject({ status: 'pending', dueDate: '2027-02-28' });
	});

	it('measures confirmation from the confirmation meeting', () => {
		expect(run('approval-3m', dossier(), 'to_member', '2028-01-10').reason).toBe('支部大会（2027-12-20）后于 2028-01-10 审批（期限 2028-03-20）');
	});
});
