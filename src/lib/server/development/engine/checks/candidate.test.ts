import { describe, expect, it } from 'vitest';
import type { PoliticalReview, Sponsor } from '../types';
import { dossier, run, settingsFor, without } from '../../../../../test-support/development-engine';

const s = (name: string, isFullMember = true, discipline: Sponsor['discipline'] = []): Sponsor => ({ name, isFullMember, discipline });
const probation = (startsOn: string, endsOn: string) => ({ kind: 'probation' as const, startsOn, endsOn });
const reviewed = (...politicalReviews: PoliticalReview[]) => dossier({ politicalReviews });

describe('sponsors', () => {
	it('passes two full members', () => {
		expect(run('sponsors', dossier(), 'to_probationary', '2026-12-15')).toMatchObject({ status: 'pass', reason: '入党介绍人：王芳、张伟' });
	});

	it('fails one sponsor, a probationary member, or one under 留党察看', () => {
		expect(run('sponsors', dossier({ sponsors: [s('王芳')] }), 'to_probationary', '2026-12-15').reason).toBe('入党介绍人应为2名正式党员，现有1名');
		expect(run('sponsors', dossier({ sponsors: [s('王芳'), s('刘洋', false)] }), 'to_probationary', '2026-12-15').reason).toBe('刘洋 不是正式党员，不能作入党介绍人');
		expect(run('sponsors', dossier({ sponsors: [s('王芳'), s('陈杰', true, [probation('2026-03-01', '2027-02-28')])] }), 'to_probationary', '2026-12-15')).toMatchObject({
			status: 'fail',
			reason: '陈杰 在 2026-12-15 正受留党察看处分（2026-03-01 至 2027-02-28），不能作入党介绍人',
			exemptable: false
		});
	});

	it('judges 留党察看 on the day of the admitting branch meeting, not today', () => {
		// The fixture's admitting meeting is 2026-12-15; the check runs long after it.
		const ended = dossier({ sponsors: [s('王芳'), s('陈杰', true, [probation('2025-01-01', '2026-12-14')])] });
		expect(run('sponsors', ended, 'to_probationary', '2027-01-05').status).toBe('pass');
		const lastDay = dossier({ sponsors: [s('王芳'), s('陈杰', true, [probation('2025-12-15', '2026-12-15')])] });
		expect(run('sponsors', lastDay, 'to_probationary', '2027-01-05').status).toBe('fail');
		const later = dossier({ sponsors: [s('王芳'), s('陈杰', true, [probation('2026-12-16', '2027-12-15')])] });
		expect(run('sponsors', later, 'to_probationary', '2027-01-05').status).toBe('pass');
	});

	it('fails a sponsor expelled from the party on or before the meeting', () => {
		const expelled = dossier({ sponsors: [s('王芳'), s('陈杰', true, [{ kind: 'expulsion', startsOn: '2026-12-01', endsOn: null }])] });
		expect(run('sponsors', expelled, 'to_probationary', '2027-01-05').reason).toBe('陈杰 已于 2026-12-01 被开除党籍，不能作入党介绍人');
	});
});

describe('political-review', () => {
	it('passes a qualified conclusion', () => {
		expect(run('political-review', dossier(), 'to_probationary', '2026-12-15')).toMatchObject({ status: 'pass', reason: '政治审查合格（2026-11-10）' });
	});

	it('fails without a conclusion, with a failing one, or with one dated after the meeting', () => {
		expect(run('political-review', reviewed(), 'to_probationary', '2026-12-15').status).toBe('fail');
		expect(run('political-review', reviewed({ concludedOn: '2026-11-10', conclusion: 'unqualified' }), 'to_probationary', '2026-12-15').reason).toBe(
			'政治审查结论为不合格（2026-11-10），不能发展入党'
		);
		expect(run('political-review', reviewed({ concludedOn: '2026-12-16', conclusion: 'qualified' }), 'to_probationary', '2026-12-15').status).toBe('fail');
	});

	it('uses the latest conclusion', () => {
		const d = reviewed({ concludedOn: '2026-06-01', conclusion: 'unqualified' }, { concludedOn: '2026-11-10', conclusion: 'qualified' });
		expect(run('political-review', d, 'to_probationary', '2026-12-15').status).toBe('pass');
	});
});

describe('political-review-age', () => {
	it('passes a conclusion under 12 months old and gives its expiry', () => {
		expect(run('political-review-age', dossier(), 'to_probationary', '2026-12-15')).toMatchObject({ status: 'pass', dueDate: '2027-11-10' });
	});

	it('is valid on the 12-month date and stale the day after (the meeting moved later)', () => {
		const d = without.meeting(reviewed({ concludedOn: '2025-12-31', conclusion: 'qualified' }), 'admission');
		expect(run('political-review-age', d, 'to_probationary', '2026-12-31').status).toBe('pass');
		expect(run('political-review-age', d, 'to_probationary', '2027-01-01')).toMatchObject({
			status: 'fail',
			reason: '政审结论已过期：2025-12-31 作出，2026-12-31 到期，须重新政审',
			exemptable: true
		});
	});

	it('follows the school setting and does not double-report a missing review', () => {
		const d = without.meeting(reviewed({ concludedOn: '2026-01-10', conclusion: 'qualified' }), 'admission');
		expect(run('political-review-age', d, 'to_probationary', '2026-12-15', settingsFor({ 'political-review-age': { maxMonths: 6 } })).status).toBe('fail');
		expect(run('political-review-age', reviewed(), 'to_probationary', '2026-12-15')).toMatchObject({ status: 'pass', reason: '不适用：尚无政审结论（见『政治审查合格』）' });
	});
});
