import { describe, expect, it } from 'vitest';
import type { Nomination } from '../types';
import { dossier, run, settingsFor } from '../../../../../test-support/development-engine';

const person = (birthDate: string, nominations: Nomination[], isLeagueMember = true) => dossier({ birthDate, nominations, isLeagueMember });

describe('league-rec', () => {
	it('passes a young League member with a 推优 before the decision', () => {
		expect(run('league-rec', dossier(), 'to_activist', '2025-09-15')).toMatchObject({ status: 'pass', reason: '20周岁共青团员，已经团组织推优（2025-09-01）' });
	});

	it('fails a young League member without 推优, or with one dated after the decision', () => {
		expect(run('league-rec', person('2005-03-10', []), 'to_activist', '2025-09-15').status).toBe('fail');
		const late = person('2005-03-10', [{ kind: 'league_recommendation', madeOn: '2025-09-20' }]);
		expect(run('league-rec', late, 'to_activist', '2025-09-20').reason).toBe('20周岁共青团员须经团组织推优，尚无推优记录');
	});

	it('still requires 推优 at 28 and switches to the League opinion from 29', () => {
		// Decision on 2025-09-15: born 1997-09-15 turns 28 that day (推优 needed); born 1996-09-15 turns 29.
		expect(run('league-rec', person('1997-09-15', [{ kind: 'league_opinion', madeOn: '2025-09-01' }]), 'to_activist', '2025-09-15').status).toBe('fail');
		const at29 = run('league-rec', person('1996-09-15', [{ kind: 'league_opinion', madeOn: '2025-09-01' }]), 'to_activist', '2025-09-15');
		expect(at29).toMatchObject({ status: 'pass', reason: '29周岁共青团员，已记录团组织意见（2025-09-01）' });
		expect(run('league-rec', person('1996-09-15', []), 'to_activist', '2025-09-15').reason).toBe('29周岁共青团员须记录团组织意见，尚无记录');
	});

	it('asks a non-member for a party members’ nomination instead', () => {
		expect(run('league-rec', person('2005-03-10', [], false), 'to_activist', '2025-09-15').reason).toBe('非共青团员，须有党员推荐，尚无记录');
		expect(run('league-rec', person('2005-03-10', [{ kind: 'member', madeOn: '2025-09-01' }], false), 'to_activist', '2025-09-15').status).toBe('pass');
	});

	it('lets a school raise the 推优 age', () => {
		const settings = settingsFor({ 'league-rec': { recommendationMaxAge: 30 } });
		const r = run('league-rec', person('1996-09-15', [{ kind: 'league_opinion', madeOn: '2025-09-01' }]), 'to_activist', '2025-09-15', settings);
		expect(r.status).toBe('fail');
	});
});

describe('league-rec-age', () => {
	const withRec = (madeOn: string) => person('2005-03-10', [{ kind: 'league_recommendation', madeOn }]);

	it('passes a 推优 still valid, with its expiry as due date', () => {
		expect(run('league-rec-age', dossier(), 'to_activist', '2025-09-15')).toMatchObject({ status: 'pass', dueDate: '2027-09-01' });
	});

	it('is valid through the last day and expired the day after', () => {
		const d = { ...withRec('2023-09-15'), decisions: [] };
		expect(run('league-rec-age', d, 'to_activist', '2025-09-15').status).toBe('pass');
		const r = run('league-rec-age', d, 'to_activist', '2025-09-16');
		expect(r).toMatchObject({ status: 'fail', reason: '推优已过期：2023-09-15 推优，有效期至 2025-09-15，须重新推优' });
	});

	it('does not apply without a 推优', () => {
		expect(run('league-rec-age', person('2005-03-10', []), 'to_activist', '2025-09-15').reason).toContain('不适用');
	});
});
