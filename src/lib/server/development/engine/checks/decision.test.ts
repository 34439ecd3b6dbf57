import { describe, expect, it } from 'vitest';
import type { StageDecision } from '../types';
import { dossier, run } from '../../../../../test-support/development-engine';

const withDecision = (decision: StageDecision) => dossier({ decisions: [decision] });

describe('decision-filed', () => {
	it('passes when both the decision and its filing are recorded', () => {
		expect(run('decision-filed', dossier(), 'to_activist', '2025-09-22')).toMatchObject({
			status: 'pass',
			reason: '支委会 2025-09-15 确定为入党积极分子，2025-09-22 报上级党委备案'
		});
		expect(run('decision-filed', dossier(), 'to_candidate', '2026-10-09').reason).toContain('确定为发展对象');
	});

	it('fails without a filing, naming the body that decided (branch meeting where there is no committee)', () => {
		const r = run('decision-filed', withDecision({ stage: 'activist', decidedOn: '2025-09-15', decidedBy: 'branch_meeting', filedOn: null }), 'to_activist', '2025-09-16');
		expect(r).toMatchObject({ status: 'fail', reason: '支部大会（未设支委会）已于 2025-09-15 确定为入党积极分子，尚未报上级党委备案' });
	});

	it('fails without a decision for the stage being entered', () => {
		const onlyActivist = withDecision({ stage: 'activist', decidedOn: '2025-09-15', decidedBy: 'branch_committee', filedOn: '2025-09-16' });
		expect(run('decision-filed', onlyActivist, 'to_candidate', '2026-10-01').reason).toBe('尚无支委会确定为发展对象的决定记录');
	});

	it('accepts a filing on the decision day and refuses one dated before it', () => {
		const sameDay = withDecision({ stage: 'activist', decidedOn: '2025-09-15', decidedBy: 'branch_committee', filedOn: '2025-09-15' });
		expect(run('decision-filed', sameDay, 'to_activist', '2025-09-15').status).toBe('pass');
		const before = withDecision({ stage: 'activist', decidedOn: '2025-09-15', decidedBy: 'branch_committee', filedOn: '2025-09-14' });
		expect(run('decision-filed', before, 'to_activist', '2025-09-15').status).toBe('fail');
	});
});
