import { describe, expect, it } from 'vitest';
import { dossier, run, settingsFor, without } from '../../../../../test-support/development-engine';

describe('age', () => {
	it('passes at 18 or over on the application date', () => {
		expect(run('age', dossier(), 'to_activist', '2025-09-15')).toMatchObject({ status: 'pass', source: '《细则》第五条', exemptable: false });
	});

	it('passes on the 18th birthday itself and fails the day before, naming the date to re-apply', () => {
		const onBirthday = dossier({ birthDate: '2007-03-03' });
		expect(run('age', onBirthday, 'apply', '2025-03-03').status).toBe('pass');
		const dayBefore = run('age', dossier({ birthDate: '2007-03-04' }), 'apply', '2025-03-03');
		expect(dayBefore).toMatchObject({ status: 'fail', dueDate: '2025-03-04' });
		expect(dayBefore.reason).toBe('递交入党申请书时（2025-03-03）未满18周岁：2025-03-04 满18周岁，届时须重新递交申请');
	});

	it('reaches 18 on 1 March for someone born on 29 February', () => {
		const r = run('age', dossier({ birthDate: '2008-02-29', application: { submittedOn: '2026-02-28' } }), 'apply', '2026-02-28');
		expect(r).toMatchObject({ status: 'fail', dueDate: '2026-03-01' });
	});

	it('uses today when the application is not yet recorded, and fails without a birth date', () => {
		expect(run('age', dossier({ birthDate: '2008-06-01', application: null }), 'apply', '2026-05-31').status).toBe('fail');
		expect(run('age', dossier({ birthDate: '2008-06-01', application: null }), 'apply', '2026-06-01').status).toBe('pass');
		expect(run('age', dossier({ birthDate: null }), 'apply', '2026-06-01').reason).toContain('缺少出生日期');
	});
});

describe('talk-1m', () => {
	const applied = (talkOn?: string) =>
		dossier({ application: { submittedOn: '2026-01-31' }, talks: talkOn ? [{ kind: 'application', heldOn: talkOn, by: 'branch' }] : [] });

	it('passes when the talk is within a month', () => {
		expect(run('talk-1m', dossier(), 'to_activist', '2025-09-15')).toMatchObject({ status: 'pass', reason: '已于 2025-03-20 谈话（期限 2025-04-03）' });
	});

	it('allows up to the clamped month end: 31 Jan → 28 Feb', () => {
		expect(run('talk-1m', applied('2026-02-28'), 'to_activist', '2026-08-01').status).toBe('pass');
		const late = run('talk-1m', applied('2026-03-01'), 'to_activist', '2026-08-01');
		expect(late).toMatchObject({ status: 'warn', reason: '谈话晚于规定期限：应于 2026-02-28 前，实际 2026-03-01' });
	});

	it('is pending with the due date while the month runs', () => {
		expect(run('talk-1m', applied(), 'to_activist', '2026-02-28')).toMatchObject({
			status: 'pending',
			dueDate: '2026-02-28',
			reason: '尚未谈话：应于 2026-02-28 前谈话（收到申请后1个月内）'
		});
	});

	it('fails when no talk is recorded after the month', () => {
		expect(run('talk-1m', applied(), 'to_activist', '2026-03-01')).toMatchObject({ status: 'fail', dueDate: '2026-02-28' });
	});

	it('ignores a talk with the pre-approval kind or before the application', () => {
		const d = dossier({ application: { submittedOn: '2026-01-31' }, talks: [{ kind: 'application', heldOn: '2026-01-10', by: 'branch' }] });
		expect(run('talk-1m', d, 'to_activist', '2026-03-05').status).toBe('fail');
	});
});

describe('app-to-activist', () => {
	it('passes when the decision came at least 6 months after the application', () => {
		const r = run('app-to-activist', dossier(), 'to_activist', '2025-09-15');
		expect(r).toMatchObject({ status: 'pass', source: '学校规定', exemptable: true });
	});

	it('passes on the exact date and fails a day earlier', () => {
		const decided = (on: string) =>
			dossier({ decisions: [{ stage: 'activist', decidedOn: on, decidedBy: 'branch_committee', filedOn: on }] });
		expect(run('app-to-activist', decided('2025-09-03'), 'to_activist', '2025-09-03').status).toBe('pass');
		const early = run('app-to-activist', decided('2025-09-02'), 'to_activist', '2025-09-02');
		expect(early).toMatchObject({ status: 'fail', dueDate: '2025-09-03' });
		expect(early.reason).toBe('递交申请未满6个月：确定为入党积极分子于 2025-09-02，但 2025-09-03 才满6个月');
	});

	it('clamps at month end: applied 31 Aug, due 28 Feb', () => {
		const d = without.decision(dossier({ application: { submittedOn: '2025-08-31' } }), 'activist');
		expect(run('app-to-activist', d, 'to_activist', '2026-02-27')).toMatchObject({ status: 'pending', dueDate: '2026-02-28' });
		expect(run('app-to-activist', d, 'to_activist', '2026-02-28').status).toBe('pass');
	});

	it('is pending before the date, saying when', () => {
		const r = run('app-to-activist', without.decision(dossier(), 'activist'), 'to_activist', '2025-08-01');
		expect(r).toMatchObject({ status: 'pending', reason: '递交申请未满6个月：2025-09-03 满6个月' });
	});

	it('follows the school setting', () => {
		const r = run('app-to-activist', without.decision(dossier(), 'activist'), 'to_activist', '2025-03-03', settingsFor({ 'app-to-activist': { months: 0 } }));
		expect(r.status).toBe('pass');
	});
});
