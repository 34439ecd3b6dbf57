import { describe, expect, it } from 'vitest';
import type { BranchMeetingVote, Talk } from '../types';
import { dossier, run, without } from '../testing';

const meeting = (votes: Partial<BranchMeetingVote>): BranchMeetingVote => ({
	purpose: 'admission', heldOn: '2026-12-15', membersWithVotingRights: 20, present: 18, votesFor: 17, votesAgainst: 1, abstentions: 0, fullMembersExpected: 20, ...votes
});
const voted = (votes: Partial<BranchMeetingVote>) => run('vote', dossier({ branchMeetings: [meeting(votes)] }), 'to_probationary', '2026-12-15');

describe('vote', () => {
	it('passes a quorate meeting with a majority of the full members', () => {
		expect(voted({})).toMatchObject({ status: 'pass', reason: '2026-12-15 支部大会应到20人、实到18人，赞成17、反对1、弃权0，通过', source: '《细则》第二十条' });
	});

	it('needs more than half present: 10 of 20 is not enough, 11 is', () => {
		expect(voted({ present: 10, votesFor: 10, votesAgainst: 0 })).toMatchObject({
			status: 'fail',
			reason: '2026-12-15 支部大会到会有表决权的党员10人，未超过应到会20人的半数，会议无效'
		});
		expect(voted({ present: 11, votesFor: 11, votesAgainst: 0 }).status).toBe('pass');
	});

	it('counts "for" against all full members who should attend, not those present', () => {
		expect(voted({ present: 12, votesFor: 10, votesAgainst: 2 }).status).toBe('fail');
		expect(voted({ present: 12, votesFor: 11, votesAgainst: 1 }).status).toBe('pass');
	});

	it('refuses inconsistent numbers', () => {
		expect(voted({ present: 21 }).reason).toContain('表决人数不一致');
		expect(voted({ votesFor: 17, votesAgainst: 1, abstentions: 1, present: 18 }).status).toBe('fail');
	});

	it('reads the meeting that belongs to the transition', () => {
		expect(run('vote', dossier(), 'to_member', '2027-12-20').reason).toContain('2027-12-20 支部大会');
		expect(run('vote', without.meeting(dossier(), 'confirmation'), 'to_member', '2027-12-20').reason).toBe('尚无支部大会讨论预备党员转正的表决记录');
	});
});

describe('committee-talk', () => {
	const talked = (talks: Talk[]) => dossier({ talks });

	it('passes a talk by an organizer before the approval', () => {
		expect(run('committee-talk', dossier(), 'to_probationary', '2027-01-08')).toMatchObject({ status: 'pass', reason: '组织员于 2026-12-20 谈话' });
	});

	it('accepts a talk on the approval day and refuses one after it', () => {
		expect(run('committee-talk', talked([{ kind: 'pre_approval', heldOn: '2027-01-08', by: 'committee_member' }]), 'to_probationary', '2027-01-08').status).toBe('pass');
		expect(run('committee-talk', talked([{ kind: 'pre_approval', heldOn: '2027-01-09', by: 'committee_member' }]), 'to_probationary', '2027-01-09').reason).toBe(
			'党委审批（2027-01-08）前未派党委委员或组织员谈话'
		);
	});

	it('does not count a talk by the branch', () => {
		const d = without.approval(talked([{ kind: 'pre_approval', heldOn: '2026-12-20', by: 'branch' }]), 'admission');
		expect(run('committee-talk', d, 'to_probationary', '2026-12-21')).toMatchObject({ status: 'fail', exemptable: false });
	});
});
