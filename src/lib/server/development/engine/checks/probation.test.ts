import { describe, expect, it } from 'vitest';
import type { ProbationExtension } from '../types';
import { cpc2026 } from '../rule-sets';
import { defaults, dossier, run, settingsFor, without } from '../../../../../test-support/development-engine';

const confirmedOn = (heldOn: string) => {
	const d = dossier();
	return { ...d, branchMeetings: d.branchMeetings.map((m) => (m.purpose === 'confirmation' ? { ...m, heldOn } : m)) };
};
const extended = (...probationExtensions: ProbationExtension[]) => dossier({ probationExtensions });

describe('probation-1y', () => {
	it('passes a confirmation meeting after a full year', () => {
		expect(run('probation-1y', dossier(), 'to_member', '2027-12-20')).toMatchObject({
			status: 'pass',
			reason: '预备期已满一年：2027-12-15 满一年，讨论转正的支部大会于 2027-12-20'
		});
	});

	it('passes on the anniversary and fails a day before', () => {
		expect(run('probation-1y', confirmedOn('2027-12-15'), 'to_member', '2027-12-15').status).toBe('pass');
		expect(run('probation-1y', confirmedOn('2027-12-14'), 'to_member', '2027-12-14')).toMatchObject({ status: 'fail', dueDate: '2027-12-15', exemptable: false });
	});

	it('is pending until the end of probation, saying when', () => {
		expect(run('probation-1y', without.meeting(dossier(), 'confirmation'), 'to_member', '2027-06-01')).toMatchObject({
			status: 'pending',
			reason: '预备期未满一年：2027-12-15 满一年'
		});
	});

	it('adds an extension and clamps a 29 February admission', () => {
		const d = without.meeting(extended({ decidedOn: '2027-12-20', months: 6 }), 'confirmation');
		expect(run('probation-1y', d, 'to_member', '2028-01-01')).toMatchObject({ status: 'pending', dueDate: '2028-06-15', reason: '预备期（含延长6个月）未期满：2028-06-15 期满' });
		const leap = dossier({ branchMeetings: [{ ...dossier().branchMeetings[0], heldOn: '2028-02-29' }] });
		expect(run('probation-1y', leap, 'to_member', '2029-02-27').dueDate).toBe('2029-02-28');
	});
});

describe('extension-once', () => {
	it('passes a single extension of 6 to 12 months', () => {
		expect(run('extension-once', extended({ decidedOn: '2027-12-20', months: 6 }), 'extend_probation', '2027-12-20')).toMatchObject({
			status: 'pass',
			reason: '延长预备期6个月，预备期至 2028-06-15 期满'
		});
		expect(run('extension-once', extended({ decidedOn: '2027-12-20', months: 12 }), 'extend_probation', '2027-12-20').status).toBe('pass');
	});

	it('fails 5 or 13 months, a second extension, or no extension entered', () => {
		expect(run('extension-once', extended({ decidedOn: '2027-12-20', months: 5 }), 'extend_probation', '2027-12-20').reason).toBe('延长期限为5个月，应为6–12个月');
		expect(run('extension-once', extended({ decidedOn: '2027-12-20', months: 13 }), 'extend_probation', '2027-12-20').status).toBe('fail');
		const twice = extended({ decidedOn: '2027-12-20', months: 6 }, { decidedOn: '2028-06-20', months: 6 });
		expect(run('extension-once', twice, 'extend_probation', '2028-06-20').reason).toBe('预备期只能延长1次，此前已于 2027-12-20 延长6个月');
		expect(run('extension-once', dossier(), 'extend_probation', '2027-12-20')).toMatchObject({ status: 'fail', exemptable: false });
	});
});

// 第三十二条: extension and cancellation are decided when probation ends, like confirmation, and the
// committee approves them within 3 months of the branch meeting (no 6-month special case).
describe('extension and cancellation: timing', () => {
	const admission = dossier().branchMeetings[0]; // 2026-12-15: probation ends 2027-12-15
	const decided = (purpose: 'extension' | 'cancellation', heldOn: string, approvedOn?: string) =>
		dossier({
			branchMeetings: [admission, { ...admission, purpose, heldOn }],
			approvals: [dossier().approvals[0], ...(approvedOn ? [{ purpose, approvedOn, approverKind: 'committee' as const }] : [])],
			probationExtensions: purpose === 'extension' ? [{ decidedOn: heldOn, months: 6 }] : []
		});

	it('refuses an extension decided two months into probation', () => {
		expect(run('probation-1y', decided('extension', '2027-02-15', '2027-02-20'), 'extend_probation', '2027-02-20')).toMatchObject({
			status: 'fail',
			reason: '预备期未满一年：讨论延长预备期的支部大会于 2027-02-15，但 2027-12-15 才满一年；预备期满前提前讨论，只限违犯党纪的情形，并须登记具体情况（《细则》第三十二条第三款）',
			dueDate: '2027-12-15'
		});
	});

	it('passes an extension decided when probation ends, not counting the extension being decided', () => {
		expect(run('probation-1y', decided('extension', '2027-12-15', '2027-12-20'), 'extend_probation', '2027-12-20')).toMatchObject({
			status: 'pass',
			reason: '预备期已满一年：2027-12-15 满一年，讨论延长预备期的支部大会于 2027-12-15'
		});
	});

	it('refuses a cancellation decided before probation ends, passes one after', () => {
		expect(run('probation-1y', decided('cancellation', '2027-02-15', '2027-02-20'), 'cancel_probation', '2027-02-20')).toMatchObject({
			status: 'fail',
			reason: expect.stringMatching(/^预备期未满一年：讨论取消预备党员资格的支部大会于 2027-02-15，但 2027-12-15 才满一年；预备期满前提前讨论，只限违犯党纪的情形/)
		});
		expect(run('probation-1y', decided('cancellation', '2027-12-16', '2027-12-20'), 'cancel_probation', '2027-12-20').status).toBe('pass');
	});

	it('requires the committee to approve an extension or cancellation within 3 months of the meeting', () => {
		for (const [purpose, transition] of [['extension', 'extend_probation'], ['cancellation', 'cancel_probation']] as const) {
			expect(run('approval-3m', decided(purpose, '2027-12-20', '2028-03-20'), transition, '2028-03-20')).toMatchObject({ status: 'pass' });
			const late = run('approval-3m', decided(purpose, '2027-12-20', '2028-03-21'), transition, '2028-03-21');
			expect(late, purpose).toMatchObject({ status: 'fail', dueDate: '2028-03-20' });
			expect(late.reason).toContain('超过3个月期限（2028-03-20）');
		}
	});

	it('waits for the approval until 3 months after the meeting, then the resolution lapses', () => {
		expect(run('approval-3m', decided('extension', '2027-12-20'), 'extend_probation', '2028-01-10')).toMatchObject({ status: 'pending', dueDate: '2028-03-20' });
		expect(run('approval-3m', decided('cancellation', '2027-12-20'), 'cancel_probation', '2028-03-21')).toMatchObject({ status: 'fail', dueDate: '2028-03-20' });
	});

	// 第三十二条第三款 (2014): a probationary member who 违犯党纪 may have probation extended or be
	// cancelled before it ends; only that ground, recorded with what happened, allows it.
	const early = (purpose: 'extension' | 'cancellation', description: string) => {
		const d = decided(purpose, '2027-02-15', '2027-02-20');
		return { ...d, approvals: d.approvals.map((a) => (a.purpose === purpose ? { ...a, earlyGround: { ground: 'discipline' as const, description } } : a)) };
	};

	it('accepts an early extension or cancellation only with the ground 违犯党纪 recorded, citing the article', () => {
		for (const [purpose, transition, what] of [['extension', 'extend_probation', '延长预备期'], ['cancellation', 'cancel_probation', '取消预备党员资格']] as const) {
			expect(run('probation-1y', early(purpose, '2027年1月无故连续三个月不参加组织生活'), transition, '2027-02-20'), purpose).toMatchObject({
				status: 'pass',
				reason: `预备期 2027-12-15 才满一年，因违犯党纪提前讨论${what}（《细则》第三十二条第三款）：2027年1月无故连续三个月不参加组织生活`
			});
			expect(run('probation-1y', early(purpose, '  '), transition, '2027-02-20').status, purpose).toBe('fail');
		}
		const in2026 = run('probation-1y', early('cancellation', '严重违反廉洁纪律'), 'cancel_probation', '2027-02-20', settingsFor({}, cpc2026));
		expect(in2026.reason).toContain('因违犯党纪提前讨论取消预备党员资格（《细则》（2026年修订）第三十二条）');
	});

	it('says, when refusing an early decision, that only 违犯党纪 allows one', () => {
		expect(run('probation-1y', decided('extension', '2027-02-15', '2027-02-20'), 'extend_probation', '2027-02-20').reason).toBe(
			'预备期未满一年：讨论延长预备期的支部大会于 2027-02-15，但 2027-12-15 才满一年；预备期满前提前讨论，只限违犯党纪的情形，并须登记具体情况（《细则》第三十二条第三款）'
		);
		// The ground does not make a confirmation early.
		const d = confirmedOn('2027-02-15');
		const withGround = { ...d, approvals: d.approvals.map((a) => ({ ...a, earlyGround: { ground: 'discipline' as const, description: '违纪' } })) };
		expect(run('probation-1y', withGround, 'to_member', '2027-02-20').status).toBe('fail');
	});

	it('runs both timing checks when extending or cancelling', () => {
		expect(defaults.byTransition.extend_probation).toEqual(['approval-3m', 'probation-1y', 'extension-once']);
		expect(defaults.byTransition.cancel_probation).toEqual(['approval-3m', 'probation-1y']);
	});
});
