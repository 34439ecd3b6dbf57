import { describe, expect, it } from 'vitest';
import type { PublicNotice, StageDecision } from '../types';
import { cpc2026 } from '../rule-sets';
import { dossier, run, settingsFor, without } from '../../../../../test-support/development-engine';

const activist: StageDecision = { stage: 'activist', decidedOn: '2025-09-15', decidedBy: 'branch_committee', filedOn: '2025-09-22' };
const notice = (startsOn: string, extra: Partial<PublicNotice> = {}): PublicNotice => ({ kind: 'candidate', startsOn, workingDays: 5, unresolvedObjections: false, ...extra });
/** A candidate notice, and the decision (if any) it must precede. */
const candidate = (startsOn: string, decidedOn?: string, extra: Partial<PublicNotice> = {}) =>
	dossier({
		publicNotices: [notice(startsOn, extra)],
		decisions: decidedOn ? [activist, { stage: 'candidate', decidedOn, decidedBy: 'branch_committee', filedOn: decidedOn }] : [activist]
	});

describe('candidate-notice', () => {
	it('passes a notice that ran five working days across 中秋 before the decision', () => {
		expect(run('candidate-notice', dossier(), 'to_candidate', '2026-09-29')).toMatchObject({
			status: 'pass',
			reason: '发展对象公示自 2026-09-21 起5个工作日，至 2026-09-28 期满'
		});
	});

	it('fails a decision on the last day of the notice, or on calendar day 5', () => {
		expect(run('candidate-notice', candidate('2026-09-21', '2026-09-28'), 'to_candidate', '2026-09-28')).toMatchObject({ status: 'fail', dueDate: '2026-09-28' });
		const naive = run('candidate-notice', candidate('2026-09-21', '2026-09-26'), 'to_candidate', '2026-09-26');
		expect(naive.reason).toBe('发展对象公示自 2026-09-21 起5个工作日，至 2026-09-28 期满；确定为发展对象于 2026-09-26，早于公示期满');
	});

	it('counts the 5th working day across National Day 2026 and its Saturday 调休', () => {
		// Tue 29, Wed 30 Sep; 1–7 Oct off; Thu 8, Fri 9, Sat 10 Oct (调休上班).
		expect(run('candidate-notice', candidate('2026-09-29', '2026-10-10'), 'to_candidate', '2026-10-10')).toMatchObject({ status: 'fail', dueDate: '2026-10-10' });
		expect(run('candidate-notice', candidate('2026-09-29', '2026-10-11'), 'to_candidate', '2026-10-11').status).toBe('pass');
	});

	it('counts the 5th working day across Spring Festival 2026', () => {
		// Thu 12, Fri 13, Sat 14 Feb (调休上班); 15–23 Feb off; Tue 24, Wed 25.
		expect(run('candidate-notice', candidate('2026-02-12'), 'to_candidate', '2026-02-25')).toMatchObject({ status: 'pending', dueDate: '2026-02-25' });
		expect(run('candidate-notice', candidate('2026-02-12'), 'to_candidate', '2026-02-26').status).toBe('pass');
	});

	it('is pending while the notice runs, with its end date', () => {
		expect(run('candidate-notice', without.decision(dossier(), 'candidate'), 'to_candidate', '2026-09-24')).toMatchObject({
			status: 'pending',
			dueDate: '2026-09-28',
			reason: '公示中：发展对象公示自 2026-09-21 起5个工作日，至 2026-09-28 期满'
		});
	});

	it('warns instead of guessing silently when the calendar lacks a year', () => {
		const r = run('candidate-notice', candidate('2026-12-28', '2027-01-06'), 'to_candidate', '2027-01-06');
		expect(r).toMatchObject({ status: 'warn', dueDate: '2027-01-01' });
		expect(r.reason).toContain('工作日历缺失：2027年');
	});

	it('fails a missing, short or contested notice', () => {
		expect(run('candidate-notice', dossier({ publicNotices: [] }), 'to_candidate', '2026-09-29').reason).toBe('尚未进行发展对象公示（须不少于5个工作日）');
		expect(run('candidate-notice', candidate('2026-09-21', '2026-09-29', { workingDays: 3 }), 'to_candidate', '2026-09-29').status).toBe('fail');
		expect(run('candidate-notice', candidate('2026-09-21', '2026-09-29', { unresolvedObjections: true }), 'to_candidate', '2026-09-29').status).toBe('fail');
		expect(run('candidate-notice', candidate('2026-09-21', '2026-09-29', { workingDays: 5.5 }), 'to_candidate', '2026-09-29').reason).toBe('发展对象公示的公示天数登记有误（5.5），请核对');
	});

	it('is a school rule in cpc-2014 and a national one (第十三条) in cpc-2026', () => {
		expect(run('candidate-notice', dossier(), 'to_candidate', '2026-09-29').exemptable).toBe(true);
		const draft = run('candidate-notice', dossier(), 'to_candidate', '2026-09-29', settingsFor({}, cpc2026));
		expect(draft).toMatchObject({ exemptable: false, source: '《细则》（2026年修订）第十三条' });
	});
});

describe('admission-notice', () => {
	it('passes a notice that ended before the branch meeting', () => {
		expect(run('admission-notice', dossier(), 'to_probationary', '2026-12-15')).toMatchObject({ status: 'pass', reason: '接收预备党员公示自 2026-12-07 起5个工作日，至 2026-12-11 期满' });
	});

	it('fails a meeting held on the last day of the notice and follows the school length', () => {
		const d = dossier({ publicNotices: [{ kind: 'admission', startsOn: '2026-12-09', workingDays: 5, unresolvedObjections: false }] });
		expect(run('admission-notice', d, 'to_probationary', '2026-12-15')).toMatchObject({ status: 'fail', dueDate: '2026-12-15' });
		expect(run('admission-notice', dossier(), 'to_probationary', '2026-12-15', settingsFor({ 'admission-notice': { workingDays: 7 } })).status).toBe('fail');
	});
});
