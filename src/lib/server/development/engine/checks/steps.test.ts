import { beforeEach, describe, expect, it } from 'vitest';
import { evaluateTransition } from '../evaluate-transition';
import { cpc2026 } from '../rule-sets';
import type { CheckId } from '../rule-types';
import type { PersonDossier, Transition } from '../types';
import { calendar, defaults, dossier, run, settingsFor, without } from '../../../../../test-support/development-engine';

// The steps recorded but never required before: each dossier below lacks one and must not get through.
const verdict = (d: PersonDossier, transition: Transition, today: string, settings = defaults) => evaluateTransition(d, transition, settings, { today, calendar });
const blocking = (d: PersonDossier, transition: Transition, today: string, settings = defaults) => verdict(d, transition, today, settings).blockingChecks;
const resultOf = (id: CheckId, d: PersonDossier, transition: Transition, today: string, settings = defaults) =>
	verdict(d, transition, today, settings).results.find((r) => r.checkId === id);
const admitted = (today = '2026-12-15') => blocking(dossier({ stage: 'candidate' }), 'to_probationary', today);
const confirmed = (d: PersonDossier, settings = defaults) => blocking({ ...d, stage: 'probationary' }, 'to_member', '2027-12-20', settings);
const in2026 = settingsFor({}, cpc2026);

describe('the fixture', () => {
	it('holds every step: admission and confirmation go through under both rule sets', () => {
		expect(admitted()).toEqual([]);
		expect(confirmed(dossier())).toEqual([]);
		expect(blocking(dossier({ stage: 'candidate' }), 'to_probationary', '2026-12-15', in2026)).toEqual([]);
		expect(confirmed(dossier(), in2026)).toEqual([]);
	});
});

describe('branch-review (支部委员会审查)', () => {
	it('blocks admission without the branch committee’s review of the 发展对象', () => {
		expect(blocking(dossier({ stage: 'candidate', branchReviews: [] }), 'to_probationary', '2026-12-15')).toContain('branch-review');
		expect(run('branch-review', dossier({ branchReviews: [] }), 'to_probationary', '2026-12-15')).toMatchObject({ status: 'fail', reason: '尚未经支部委员会审查发展对象材料，不能报党委预审', exemptable: false });
	});

	it('must come after the 发展对象 decision and before the 预审 was answered', () => {
		expect(run('branch-review', dossier({ branchReviews: ['2026-12-02'] }), 'to_probationary', '2026-12-15')).toMatchObject({
			status: 'fail',
			reason: '支部委员会审查（2026-12-02）晚于党委预审（2026-12-01），应先审查后报预审'
		});
		expect(run('branch-review', dossier({ branchReviews: ['2026-09-01'] }), 'to_probationary', '2026-12-15').status).toBe('fail');
		expect(run('branch-review', dossier(), 'to_probationary', '2026-12-15')).toMatchObject({ status: 'pass', reason: '支部委员会于 2026-11-25 审查，党委于 2026-12-01 预审' });
	});
});

describe('placement and oath (编入党小组、入党宣誓)', () => {
	it('blocks confirmation of a probationary member never placed in a party group', () => {
		expect(confirmed(dossier({ placements: [] }))).toContain('placement');
	});

	it('blocks confirmation without the oath, or with an oath only after the confirmation meeting', () => {
		expect(confirmed(dossier({ oaths: [] }))).toContain('oath');
		expect(run('oath', dossier({ oaths: [] }), 'to_member', '2027-12-20')).toMatchObject({ status: 'fail', reason: '尚未入党宣誓，不能讨论转正' });
		expect(confirmed(dossier({ oaths: ['2027-12-21'] }))).toContain('oath');
		expect(run('oath', dossier({ oaths: ['2027-01-05'] }), 'to_member', '2027-12-20')).toMatchObject({ status: 'fail', reason: '入党宣誓（2027-01-05）早于党委审批（2027-01-08），请核对' });
	});

	it('warns of a late oath: cpc-2014 within the school’s 3 months, cpc-2026 within one month (第二十九条)', () => {
		const late = dossier({ oaths: ['2027-03-01'] });
		expect(run('oath', late, 'to_member', '2027-12-20').status).toBe('pass');
		expect(run('oath', late, 'to_member', '2027-12-20', in2026)).toMatchObject({
			status: 'warn',
			reason: '入党宣誓（2027-03-01）晚于党委审批（2027-01-08）后1个月（2027-02-08）',
			source: '《细则》（2026年修订）第二十九条'
		});
	});
});

describe('probation-evaluations and probation-thought-reports', () => {
	const activistOnly = { evaluations: ['2026-03-10', '2026-09-08'], thoughtReports: ['2025-11-20', '2026-02-20', '2026-05-20', '2026-08-20'] };

	it('blocks confirmation without a half-yearly evaluation during probation', () => {
		expect(confirmed(dossier({ evaluations: activistOnly.evaluations }))).toContain('probation-evaluations');
		expect(run('probation-evaluations', dossier({ evaluations: ['2027-06-10'] }), 'to_member', '2027-12-20')).toMatchObject({
			status: 'fail',
			reason: '2027-06-10 之后6个月内没有预备期考察记录（应于 2027-12-10 前考察）',
			dueDate: '2027-12-10'
		});
	});

	it('blocks confirmation without quarterly thought reports during probation, unless the school switched them off', () => {
		expect(confirmed(dossier({ thoughtReports: activistOnly.thoughtReports }))).toContain('probation-thought-reports');
		expect(confirmed(dossier({ thoughtReports: activistOnly.thoughtReports }), settingsFor({ 'probation-thought-reports': { enabled: false } }))).toEqual([]);
	});
});

describe('confirmation-application (书面转正申请)', () => {
	it('blocks confirmation without a written application', () => {
		expect(confirmed(dossier({ confirmationApplications: [] }))).toContain('confirmation-application');
	});

	it('is pending until the week before probation ends, then due', () => {
		const d = without.meeting(dossier({ confirmationApplications: [] }), 'confirmation');
		expect(run('confirmation-application', d, 'to_member', '2027-11-01')).toMatchObject({ status: 'pending', dueDate: '2027-12-08', reason: '预备期于 2027-12-15 期满，书面转正申请应于 2027-12-08 起提交' });
	});

	it('must precede the meeting and be dated near the end of probation', () => {
		expect(run('confirmation-application', dossier({ confirmationApplications: ['2027-12-21'] }), 'to_member', '2027-12-21')).toMatchObject({
			status: 'fail',
			reason: '转正申请（2027-12-21）晚于讨论转正的支部大会（2027-12-20），应先申请后讨论'
		});
		expect(run('confirmation-application', dossier({ confirmationApplications: ['2027-11-01'] }), 'to_member', '2027-12-20')).toMatchObject({
			status: 'fail',
			reason: '转正申请（2027-11-01）过早：预备期于 2027-12-15 期满，申请最早于 2027-12-08 提交'
		});
		expect(run('confirmation-application', dossier({ confirmationApplications: ['2027-12-08'] }), 'to_member', '2027-12-20').status).toBe('pass');
		// cpc-2026 第三十二条: not before probation ends.
		expect(run('confirmation-application', dossier({ confirmationApplications: ['2027-12-14'] }), 'to_member', '2027-12-20', in2026).status).toBe('fail');
	});

	it('counts from the extended end of probation', () => {
		const d = dossier({ probationExtensions: [{ decidedOn: '2027-12-20', months: 6 }], confirmationApplications: ['2027-12-15'] });
		const again = { ...d, branchMeetings: d.branchMeetings.map((m) => (m.purpose === 'confirmation' ? { ...m, heldOn: '2028-06-20' } : m)) };
		expect(run('confirmation-application', again, 'to_member', '2028-06-20')).toMatchObject({ status: 'fail', reason: '转正申请（2027-12-15）过早：预备期于 2028-06-15 期满，申请最早于 2028-06-08 提交' });
	});
});

describe('admission-filed (报组织部门备案)', () => {
	it('shows a missing filing at confirmation without holding it up', () => {
		expect(resultOf('admission-filed', dossier({ stage: 'probationary', filings: [] }), 'to_member', '2027-12-20')).toMatchObject({
			status: 'warn',
			reason: '接收预备党员（党委审批 2027-01-08）尚未报上级组织部门备案，应于 2027-02-08 前备案'
		});
		expect(confirmed(dossier({ filings: [] }))).toEqual([]);
		expect(run('admission-filed', dossier(), 'to_member', '2027-12-20').status).toBe('pass');
	});
});

describe('confirmation-notice (转正公示)', () => {
	// Built inside each test: a rule set without the check refuses the override.
	let withNotice = defaults;
	beforeEach(() => {
		withNotice = settingsFor({ 'confirmation-notice': { enabled: true } });
	});
	const meetingOn = (heldOn: string, startsOn: string) =>
		dossier({
			publicNotices: [{ kind: 'confirmation', startsOn, workingDays: 5, unresolvedObjections: false }],
			branchMeetings: [dossier().branchMeetings[0], { ...dossier().branchMeetings[1], heldOn }]
		});

	it('is off in both rule sets until a school holds one', () => {
		expect(resultOf('confirmation-notice', dossier({ stage: 'probationary' }), 'to_member', '2027-12-20')).toBeUndefined();
		expect(resultOf('confirmation-notice', dossier({ stage: 'probationary' }), 'to_member', '2027-12-20', in2026)).toBeUndefined();
	});

	it('counts its working days on the calendar: the meeting must come after the fifth', () => {
		expect(confirmed(dossier(), withNotice)).toContain('confirmation-notice');
		// Mon 2026-09-21 … Thu 09-24, 中秋 Fri 09-25 off: the 5th working day is Mon 09-28.
		expect(run('confirmation-notice', meetingOn('2026-09-28', '2026-09-21'), 'to_member', '2026-09-28', withNotice)).toMatchObject({ status: 'fail', dueDate: '2026-09-28' });
		expect(run('confirmation-notice', meetingOn('2026-09-29', '2026-09-21'), 'to_member', '2026-09-29', withNotice).status).toBe('pass');
		expect(run('confirmation-notice', meetingOn('2027-12-20', '2027-12-06'), 'to_member', '2027-12-20', withNotice)).toMatchObject({ status: 'warn' });
		expect(run('confirmation-notice', meetingOn('2027-12-20', '2027-12-06'), 'to_member', '2027-12-20', withNotice).reason).toContain('工作日历缺失');
	});
});

describe('archive (归档)', () => {
	it('is due after the confirmation approval and late once its month has passed', () => {
		const member = dossier({ stage: 'member', archives: [] });
		expect(run('archive', member, 'to_member', '2028-01-20')).toMatchObject({ status: 'pending', dueDate: '2028-02-10' });
		expect(run('archive', member, 'to_member', '2028-03-01')).toMatchObject({ status: 'fail', reason: '转正审批（2028-01-10）后未在 2028-02-10 前将入党材料归档' });
		expect(run('archive', dossier({ stage: 'member' }), 'to_member', '2028-03-01').status).toBe('pass');
	});
});

describe('cpc-2026 sources', () => {
	it('cite the oath, the application and the archive in the 2026 numbering', () => {
		expect(in2026.rules.oath.source).toBe('《细则》（2026年修订）第二十九条');
		expect(in2026.rules['confirmation-application'].source).toBe('《细则》（2026年修订）第三十二条');
		expect(in2026.rules.archive.source).toBe('《细则》（2026年修订）第三十六条');
		expect(in2026.rules['branch-review'].source).toBe('《细则》（2026年修订）');
	});
});
