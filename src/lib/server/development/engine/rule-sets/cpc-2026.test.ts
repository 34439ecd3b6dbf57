import { describe, expect, it } from 'vitest';
import { cpc2014, cpc2026, getRuleSet, resolveSettings, ruleSets } from '../rule-sets';
import type { CheckId } from '../rule-types';
import type { PublicNotice, StageDecision } from '../types';
import { calendar, dossier, run, settingsFor } from '../../../../../test-support/development-engine';
import { evaluateTransition } from '../evaluate-transition';

// The 2026 revision's article numbers, as development-rules.md maps them.
const articles2026: Partial<Record<CheckId, string>> = {
	'talk-1m': '第七条',
	evaluations: '第十一条',
	'one-year': '第十三条',
	opinions: '第十三条',
	'candidate-notice': '第十三条',
	'political-review': '第十六条',
	'candidate-training': '第十七条',
	'pre-review': '第十八条',
	'meeting-after-review': '第十九条',
	'approval-3m': '第二十五条',
	'probation-1y': '第三十一条'
};

const activist: StageDecision = { stage: 'activist', decidedOn: '2025-09-15', decidedBy: 'branch_committee', filedOn: '2025-09-22' };
const notice = (startsOn: string): PublicNotice => ({ kind: 'candidate', startsOn, workingDays: 5, unresolvedObjections: false });
const withNotice = (startsOn: string, decidedOn?: string) =>
	dossier({
		publicNotices: [notice(startsOn)],
		decisions: decidedOn ? [activist, { stage: 'candidate', decidedOn, decidedBy: 'branch_committee', filedOn: decidedOn }] : [activist]
	});
const in2026 = settingsFor({}, cpc2026);

describe('cpc-2026', () => {
	it('is a rule set of its own beside cpc-2014', () => {
		expect(getRuleSet('cpc-2026')).toBe(cpc2026);
		expect(Object.keys(ruleSets)).toEqual(['cpc-2014', 'cpc-2026']);
		expect(Object.keys(cpc2026.rules)).toEqual(Object.keys(cpc2014.rules));
		for (const [key, rule] of Object.entries(cpc2026.rules)) expect(rule.id).toBe(key);
	});

	it('blocks becoming a candidate on the 4th working day of the notice and before it has run five', () => {
		// Mon 2026-09-21 … Thu 09-24 are its 4 working days; 中秋 (Fri 09-25) is off, so the 5th is Mon 09-28.
		const fourth = run('candidate-notice', withNotice('2026-09-21', '2026-09-24'), 'to_candidate', '2026-09-24', in2026);
		expect(fourth).toMatchObject({ status: 'fail', dueDate: '2026-09-28', exemptable: false });
		const running = run('candidate-notice', withNotice('2026-09-21'), 'to_candidate', '2026-09-24', in2026);
		expect(running).toMatchObject({ status: 'pending', dueDate: '2026-09-28' });
		expect(run('candidate-notice', withNotice('2026-09-21', '2026-09-29'), 'to_candidate', '2026-09-29', in2026).status).toBe('pass');
	});

	it('cannot be switched off, shortened or exempted by a school', () => {
		expect(resolveSettings(cpc2026, { 'candidate-notice': { enabled: false } }).ok).toBe(false);
		expect(resolveSettings(cpc2026, { 'candidate-notice': { workingDays: 4 } }).ok).toBe(false);
		const d = { ...withNotice('2026-09-21', '2026-09-25'), exemptions: [{ checkId: 'candidate-notice', reason: '时间紧', grantedOn: '2026-09-24' }] };
		const ctx = { today: '2026-09-25', calendar };
		expect(evaluateTransition(d, 'to_candidate', in2026, ctx).blockingChecks).toContain('candidate-notice');
		expect(evaluateTransition(d, 'to_candidate', settingsFor(), ctx).blockingChecks).not.toContain('candidate-notice');
	});

	it('cites the 2026 numbering for every article the map gives', () => {
		for (const [id, article] of Object.entries(articles2026)) {
			expect(cpc2026.rules[id as CheckId].source, id).toContain(`（2026年修订）${article}`);
		}
		for (const rule of Object.values(cpc2026.rules)) {
			if (rule.level === 'national') expect(rule.source, rule.id).toMatch(/^《细则》（2026年修订）/);
		}
		expect(cpc2026.rules['meeting-after-review']).toMatchObject({ level: 'national', exemptable: false });
	});

	it('never says 待核实 or 修订稿 where a learner or secretary reads it: only the admin note does', () => {
		for (const set of Object.values(ruleSets)) {
			expect(set.title).not.toMatch(/待核实|草案|修订稿/);
			for (const rule of Object.values(set.rules)) expect(rule.source, `${set.id} ${rule.id}`).not.toMatch(/待核实|未核实|拟列/);
		}
		expect(cpc2026.adminNote).toMatch(/官方文本/);
		expect(cpc2014.adminNote).toBeUndefined();
	});
});

describe('confirmation approval in cpc-2026', () => {
	// 第三十三条 gives 3 months; whether the 6-month special case of admission applies is unsettled, so it is off.
	const late = { reason: '党委换届', decidedOn: '2028-03-01', decision: '党委会议纪要〔2028〕2号' };
	const approvedLate = (approvedOn: string, purpose: 'admission' | 'confirmation') => {
		const d = dossier();
		return { ...d, approvals: d.approvals.map((a) => (a.purpose === purpose ? { ...a, approvedOn, late } : a)) };
	};

	it('has no 6-month special case for confirmation, while admission keeps it', () => {
		const confirm = approvedLate('2028-04-20', 'confirmation');
		expect(run('approval-3m', confirm, 'to_member', '2028-04-20').status).toBe('warn');
		const in2026 = run('approval-3m', confirm, 'to_member', '2028-04-20', settingsFor({}, cpc2026));
		expect(in2026).toMatchObject({ status: 'fail' });
		expect(in2026.reason).toContain('超过3个月');
		const admit = { ...approvedLate('2027-04-20', 'admission'), stage: 'candidate' as const };
		const lateAdmission = { ...admit, approvals: admit.approvals.map((a) => (a.purpose === 'admission' ? { ...a, late: { ...late, decidedOn: '2027-03-01' } } : a)) };
		expect(run('approval-3m', lateAdmission, 'to_probationary', '2027-04-20', settingsFor({}, cpc2026)).status).toBe('warn');
	});
});
