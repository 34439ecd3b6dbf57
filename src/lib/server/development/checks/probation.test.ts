import { describe, expect, it } from 'vitest';
import type { ProbationExtension } from '../types';
import { dossier, run, without } from '../testing';

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
