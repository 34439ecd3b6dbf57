import { describe, expect, it } from 'vitest';
import type { BranchMeetingVote } from '../types';
import { evaluateTransition } from '../evaluate-transition';
import { calendar, defaults, dossier, run, settingsFor, without } from '../../../../../test-support/development-engine';

const admissionMeeting = (heldOn: string): BranchMeetingVote => ({
	purpose: 'admission', heldOn, membersWithVotingRights: 20, excused: 0, fromRoll: true, present: 18, votesFor: 17, votesAgainst: 1, abstentions: 0
});

describe('pre-review', () => {
	it('passes a passed pre-review', () => {
		expect(run('pre-review', dossier(), 'to_probationary', '2026-12-15')).toMatchObject({ status: 'pass', reason: '2026-12-01 预审合格' });
	});

	it('fails a missing or failed pre-review', () => {
		expect(run('pre-review', dossier({ preReviews: [] }), 'to_probationary', '2026-12-15').reason).toBe('尚未报基层党委预审');
		expect(run('pre-review', dossier({ preReviews: [{ answeredOn: '2026-12-01', passed: false }] }), 'to_probationary', '2026-12-15').status).toBe('fail');
	});
});

const form = (issuedOn: string, serial = 'ZY-2026-0018') => ({ admissionForm: { issuedOn, serial } });

// 第十九条–第二十条: the 入党志愿书 is issued after pre-review and filled in before the branch meeting.
describe('admission-form', () => {
	it('passes a form issued, with its serial, between the pre-review and the meeting', () => {
		expect(run('admission-form', dossier(), 'to_probationary', '2026-12-15')).toMatchObject({
			status: 'pass',
			reason: '2026-12-03 发放入党志愿书（编号 ZY-2026-0018），在预审合格（2026-12-01）之后、支部大会（2026-12-15）之前',
			source: '《细则》第十九条、第二十条',
			exemptable: false
		});
	});

	it('fails when no form was issued: the meeting and the approval once went ahead without one', () => {
		expect(run('admission-form', dossier({ admissionForm: null }), 'to_probationary', '2027-01-08')).toMatchObject({
			status: 'fail',
			reason: '尚无发放入党志愿书的记录（须登记志愿书编号）；预审合格后方可发放，支部大会讨论前须填写'
		});
	});

	it('fails a form without its serial number', () => {
		expect(run('admission-form', dossier(form('2026-12-03', '')), 'to_probationary', '2026-12-15').reason).toBe('入党志愿书（2026-12-03 发放）未登记编号');
	});

	it('fails a form issued before the pre-review or after the meeting, accepts the day of either', () => {
		expect(run('admission-form', dossier(form('2026-11-30')), 'to_probationary', '2026-12-15').reason).toBe('入党志愿书于 2026-11-30 发放，早于预审合格（2026-12-01）');
		expect(run('admission-form', dossier(form('2026-12-16')), 'to_probationary', '2026-12-20').reason).toBe('入党志愿书于 2026-12-16 发放，晚于讨论接收的支部大会（2026-12-15）');
		expect(run('admission-form', dossier(form('2026-12-01')), 'to_probationary', '2026-12-15').status).toBe('pass');
		expect(run('admission-form', dossier(form('2026-12-15')), 'to_probationary', '2026-12-15').status).toBe('pass');
	});

	it('fails a form when the pre-review did not pass', () => {
		expect(run('admission-form', dossier({ preReviews: [{ answeredOn: '2026-12-01', passed: false }] }), 'to_probationary', '2026-12-15').reason).toBe('尚无预审合格的记录，入党志愿书须在预审合格后发放');
	});
});

describe('leaving-3m', () => {
	it('passes someone staying longer than 3 months', () => {
		expect(run('leaving-3m', dossier(), 'to_probationary', '2026-12-15').status).toBe('pass');
	});

	it('fails graduation exactly 3 months after the meeting, passes a day later', () => {
		const graduating = (graduationDate: string) => dossier({ graduationDate });
		const r = run('leaving-3m', graduating('2027-03-15'), 'to_probationary', '2026-12-15');
		expect(r).toMatchObject({ status: 'fail', exemptable: true, source: '《细则》第十九条' });
		expect(r.reason).toBe('预计 2027-03-15 毕业，距 2026-12-15 不足3个月，一般不办理接收预备党员手续；确需办理须经党委批准豁免');
		expect(run('leaving-3m', graduating('2027-03-16'), 'to_probationary', '2026-12-15').status).toBe('pass');
	});

	it('uses the earlier of graduation and another departure, and today before the meeting', () => {
		const d = without.meeting(dossier({ expectedLeavingDate: '2027-01-31' }), 'admission');
		expect(run('leaving-3m', d, 'to_probationary', '2026-10-31').status).toBe('fail');
		expect(run('leaving-3m', d, 'to_probationary', '2026-10-30').reason).toBe('预计 2027-01-31 离开本单位，距 2026-10-30 超过3个月');
	});

	// A date already past cannot be "within 3 months": it is stale data (e.g. 2024-06-30 kept after
	// the person stayed on for a master's), which an exemption must not paper over.
	it('calls a graduation date before the meeting a data error to correct, not the 3-month rule', () => {
		const r = run('leaving-3m', dossier({ graduationDate: '2024-06-30' }), 'to_probationary', '2026-12-15');
		expect(r).toMatchObject({
			status: 'fail',
			exemptable: false,
			reason: '预计毕业日期 2024-06-30 早于 2026-12-15，日期有误：请先在人员信息中核对并更正预计毕业时间'
		});
		expect(r.reason).not.toContain('不足');
	});

	it('calls a past expected leaving date a data error too, and measures a past date against today before the meeting', () => {
		const d = without.meeting(dossier({ expectedLeavingDate: '2026-10-31' }), 'admission');
		expect(run('leaving-3m', d, 'to_probationary', '2026-11-02')).toMatchObject({
			status: 'fail',
			exemptable: false,
			reason: '预计离开本单位日期 2026-10-31 早于 2026-11-02，日期有误：请先在纪实档案中核对并更正预计离开本单位日期'
		});
		// Leaving on the day itself is the rule's case, not an error.
		expect(run('leaving-3m', d, 'to_probationary', '2026-10-31').reason).toContain('不足3个月');
	});

	it('is not covered by an exemption when the date is wrong', () => {
		const d = dossier({ graduationDate: '2024-06-30', exemptions: [{ checkId: 'leaving-3m', reason: '党委批准', grantedOn: '2026-12-10' }] });
		const r = evaluateTransition(d, 'to_probationary', defaults, { today: '2026-12-15', calendar });
		expect(r.blockingChecks).toContain('leaving-3m');
		// The rule itself can be exempted: the note must not call it a national rule that cannot.
		expect(r.results.find((x) => x.checkId === 'leaving-3m')?.exemption).toEqual({
			applied: false,
			reason: '党委批准',
			note: '记录有误，须先更正；已登记的豁免不适用于记录错误'
		});
	});
});

describe('meeting-after-review', () => {
	it('passes a meeting within a month of the pre-review', () => {
		expect(run('meeting-after-review', dossier(), 'to_probationary', '2026-12-15').status).toBe('pass');
	});

	it('allows the clamped month end and fails the day after', () => {
		const d = (meetingOn: string) => dossier({ preReviews: [{ answeredOn: '2027-01-31', passed: true }], branchMeetings: [admissionMeeting(meetingOn)] });
		expect(run('meeting-after-review', d('2027-02-28'), 'to_probationary', '2027-02-28').status).toBe('pass');
		expect(run('meeting-after-review', d('2027-03-01'), 'to_probationary', '2027-03-01')).toMatchObject({ status: 'fail', exemptable: true });
	});

	it('is pending until the limit when no meeting is held, then fails', () => {
		const d = without.meeting(dossier(), 'admission');
		expect(run('meeting-after-review', d, 'to_probationary', '2026-12-20')).toMatchObject({
			status: 'pending',
			dueDate: '2027-01-01',
			reason: '应于 2027-01-01 前召开支部大会讨论接收（预审合格 2026-12-01）'
		});
		expect(run('meeting-after-review', d, 'to_probationary', '2027-01-02').status).toBe('fail');
	});

	it('follows the school setting', () => {
		const d = dossier({ branchMeetings: [admissionMeeting('2027-01-20')] });
		expect(run('meeting-after-review', d, 'to_probationary', '2027-01-20', settingsFor({ 'meeting-after-review': { months: 2 } })).status).toBe('pass');
	});
});
