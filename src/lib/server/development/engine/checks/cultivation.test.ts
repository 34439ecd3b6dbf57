import { describe, expect, it } from 'vitest';
import type { Mentor, StageDecision } from '../types';
import { dossier, run, settingsFor, without } from '../../../../../test-support/development-engine';

const activistOn = (decidedOn: string, filedOn: string | null = decidedOn): StageDecision => ({ stage: 'activist', decidedOn, decidedBy: 'branch_committee', filedOn });
const candidateOn = (decidedOn: string): StageDecision => ({ stage: 'candidate', decidedOn, decidedBy: 'branch_committee', filedOn: decidedOn });

describe('one-year', () => {
	it('passes after a full year as activist', () => {
		expect(run('one-year', dossier(), 'to_candidate', '2026-09-29')).toMatchObject({
			status: 'pass',
			reason: '培养考察已满一年：2026-09-15 满一年，确定为发展对象于 2026-09-29'
		});
	});

	it('passes on exactly one year and fails one day short', () => {
		expect(run('one-year', dossier({ decisions: [activistOn('2025-09-15'), candidateOn('2026-09-15')] }), 'to_candidate', '2026-09-15').status).toBe('pass');
		const short = run('one-year', dossier({ decisions: [activistOn('2025-09-15'), candidateOn('2026-09-14')] }), 'to_candidate', '2026-09-14');
		expect(short).toMatchObject({ status: 'fail', dueDate: '2026-09-15', exemptable: false });
		expect(short.reason).toBe('培养考察未满一年：确定为发展对象于 2026-09-14，但 2026-09-15 才满一年');
	});

	it('is pending until the date, as the spec words it', () => {
		const r = run('one-year', dossier({ decisions: [activistOn('2026-03-01')] }), 'to_candidate', '2026-11-26');
		expect(r).toMatchObject({ status: 'pending', dueDate: '2027-03-01', reason: '培养考察未满一年：2027-03-01 满一年' });
	});

	it('clamps from a 29 February start to 28 February', () => {
		const d = dossier({ decisions: [activistOn('2024-02-29')] });
		expect(run('one-year', d, 'to_candidate', '2025-02-27')).toMatchObject({ status: 'pending', dueDate: '2025-02-28' });
		expect(run('one-year', d, 'to_candidate', '2025-02-28').status).toBe('pass');
	});

	it('counts from the filing and lengthens when the school says so', () => {
		const d = dossier({ decisions: [activistOn('2025-09-15', '2025-09-22'), candidateOn('2026-09-20')] });
		expect(run('one-year', d, 'to_candidate', '2026-09-20').status).toBe('pass');
		expect(run('one-year', d, 'to_candidate', '2026-09-20', settingsFor({ 'one-year': { anchor: 'filing' } })).status).toBe('fail');
		const longer = run('one-year', without.decision(d, 'candidate'), 'to_candidate', '2026-10-01', settingsFor({ 'one-year': { months: 18 } }));
		expect(longer).toMatchObject({ status: 'pending', reason: '培养考察未满18个月：2027-03-15 满18个月' });
	});

	it('fails when there is nothing to count from', () => {
		expect(run('one-year', dossier({ decisions: [] }), 'to_candidate', '2026-10-01').status).toBe('fail');
		const unfiled = dossier({ decisions: [activistOn('2025-09-15', null)] });
		expect(run('one-year', unfiled, 'to_candidate', '2026-10-01', settingsFor({ 'one-year': { anchor: 'filing' } })).reason).toContain('备案日期未登记');
	});
});

describe('mentors', () => {
	const m = (name: string, isFullMember = true, endedOn: string | null = null): Mentor => ({ name, isFullMember, assignedOn: '2025-09-15', endedOn });

	it('passes with one or two full members', () => {
		expect(run('mentors', dossier(), 'to_candidate', '2026-09-29')).toMatchObject({ status: 'pass', reason: '培养联系人：王芳、李强' });
		expect(run('mentors', dossier({ mentors: [m('王芳')] }), 'to_candidate', '2026-09-29').status).toBe('pass');
	});

	it('fails with none, with three, or with a probationary member', () => {
		expect(run('mentors', dossier({ mentors: [] }), 'to_candidate', '2026-09-29').reason).toBe('未指定培养联系人（须1–2名正式党员）');
		expect(run('mentors', dossier({ mentors: [m('甲'), m('乙'), m('丙')] }), 'to_candidate', '2026-09-29').reason).toBe('培养联系人有3名，最多2名');
		expect(run('mentors', dossier({ mentors: [m('王芳'), m('赵敏', false)] }), 'to_candidate', '2026-09-29').reason).toBe('培养联系人须为正式党员：赵敏 不是正式党员');
	});

	// The end date is the first day the member no longer serves (supporters.ts: 「不再担任…（endedOn）」):
	// an assignment covers assignedOn up to the day before endedOn. The decision is on 2026-09-29.
	it('counts only mentors whose assignment covers the decision day', () => {
		const d = dossier({ mentors: [m('王芳', true, '2026-09-28'), m('李强', true, '2026-09-30')] });
		expect(run('mentors', d, 'to_candidate', '2026-09-29').reason).toBe('培养联系人：李强');
	});

	it('does not count a mentor whose assignment ended on the decision day', () => {
		const d = dossier({ mentors: [m('王芳', true, '2026-09-29')] });
		expect(run('mentors', d, 'to_candidate', '2026-09-29')).toMatchObject({ status: 'fail', reason: '未指定培养联系人（须1–2名正式党员）' });
		expect(run('mentors', dossier({ mentors: [m('王芳', true, '2026-09-28')] }), 'to_candidate', '2026-09-29').status).toBe('fail');
		expect(run('mentors', dossier({ mentors: [m('王芳', true, '2026-09-30')] }), 'to_candidate', '2026-09-29').status).toBe('pass');
	});

	it('counts a mentor assigned on the decision day itself', () => {
		const d = dossier({ mentors: [{ name: '王芳', isFullMember: true, assignedOn: '2026-09-29', endedOn: null }] });
		expect(run('mentors', d, 'to_candidate', '2026-09-29').status).toBe('pass');
	});
});

describe('opinions', () => {
	it('passes when all four kinds of opinion are on record', () => {
		expect(run('opinions', dossier(), 'to_candidate', '2026-09-29').status).toBe('pass');
	});

	it('lists what is missing, ignoring opinions gathered after the decision', () => {
		const d = dossier({
			opinions: [
				{ source: 'party_group', gatheredOn: '2026-09-10' },
				{ source: 'mentors', gatheredOn: '2026-09-10' },
				{ source: 'members', gatheredOn: '2026-09-29' },
				{ source: 'masses', gatheredOn: '2026-09-30' }
			]
		});
		expect(run('opinions', d, 'to_candidate', '2026-10-01')).toMatchObject({ status: 'fail', reason: '尚未听取群众的意见' });
	});
});
