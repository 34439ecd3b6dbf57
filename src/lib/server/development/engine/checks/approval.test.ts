import { describe, expect, it } from 'vitest';
import type { Approval } from '../types';
import { dossier, run, without } from '../../../../../test-support/development-engine';

const approvedOn = (date: string, approverKind: Approval['approverKind'] = 'committee', late?: Approval['late']) =>
	dossier({ approvals: [{ purpose: 'admission', approvedOn: date, approverKind, ...(late ? { late } : {}) }] });
const justified = { reason: '党委换届，审批会议推迟', decidedOn: '2027-03-10', decision: '党委会议纪要〔2027〕2号' };
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

	it('passes on the 3-month date, warns after it up to 6 months with reason and decision, fails beyond', () => {
		expect(run('approval-3m', approvedOn('2027-03-15'), 'to_probationary', '2027-03-15').status).toBe('pass');
		expect(run('approval-3m', approvedOn('2027-03-16', 'committee', justified), 'to_probationary', '2027-03-16')).toMatchObject({
			status: 'warn',
			reason: '审批（2027-03-16）超过3个月期限（2027-03-15），属特殊情况：党委换届，审批会议推迟；党委于 2027-03-10 决定延长审批期限（党委会议纪要〔2027〕2号），最长不超过6个月（2027-06-15）'
		});
		expect(run('approval-3m', approvedOn('2027-06-15', 'committee', justified), 'to_probationary', '2027-06-15').status).toBe('warn');
		expect(run('approval-3m', approvedOn('2027-06-16'), 'to_probationary', '2027-06-16')).toMatchObject({
			status: 'fail',
			reason: '审批（2027-06-16）超过6个月最长期限（2027-06-15），支部大会决议失效'
		});
	});

	// 「特殊情况须说明理由」 used to be a warning nobody answered: now the reason and the committee's
	// decision to extend are part of the approval, and without them it is refused.
	it('refuses an approval 3–6 months after the meeting without the special reason and the decision to extend', () => {
		expect(run('approval-3m', approvedOn('2027-04-20'), 'to_probationary', '2027-04-20')).toMatchObject({
			status: 'fail',
			reason: '审批（2027-04-20）超过3个月期限（2027-03-15），须登记特殊情况的理由和党委同意延长审批期限的决定；尚缺：特殊理由、党委延长审批期限的决定'
		});
		const reasonOnly = { reason: '党委换届', decidedOn: null, decision: '' };
		expect(run('approval-3m', approvedOn('2027-04-20', 'committee', reasonOnly), 'to_probationary', '2027-04-20').reason).toContain('尚缺：党委延长审批期限的决定');
		const decisionOnly = { ...justified, reason: '' };
		expect(run('approval-3m', approvedOn('2027-04-20', 'committee', decisionOnly), 'to_probationary', '2027-04-20').reason).toContain('尚缺：特殊理由');
	});

	it('refuses a decision to extend dated after the approval or before the meeting', () => {
		expect(run('approval-3m', approvedOn('2027-04-20', 'committee', { ...justified, decidedOn: '2027-04-21' }), 'to_probationary', '2027-04-20')).toMatchObject({
			status: 'fail',
			reason: '党委延长审批期限的决定（2027-04-21）须在支部大会（2026-12-15）之后、审批（2027-04-20）之前作出'
		});
		expect(run('approval-3m', approvedOn('2027-04-20', 'committee', { ...justified, decidedOn: '2026-12-01' }), 'to_probationary', '2027-04-20').status).toBe('fail');
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
