import { describe, expect, it } from 'vitest';
import type { BranchMeetingVote, Talk } from '../types';
import { dossier, run, without } from '../../../../../test-support/development-engine';

const meeting = (votes: Partial<BranchMeetingVote>): BranchMeetingVote => ({
	purpose: 'admission', heldOn: '2026-12-15', membersWithVotingRights: 20, excused: 0, fromRoll: true, present: 18, votesFor: 17, votesAgainst: 1, abstentions: 0, ...votes
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

	// 第二十条's two denominators are one set: 预备党员 have no vote, so both are the full members with
	// voting rights on the branch's roll. A typed-down 「应到会正式党员」 once let 2 votes of 20 carry.
	it('counts "for" against every full member on the roll, never a typed subset', () => {
		const typedDown = { membersWithVotingRights: 20, present: 11, votesFor: 2, votesAgainst: 9, fullMembersExpected: 3 } as Partial<BranchMeetingVote>;
		expect(voted(typedDown)).toMatchObject({
			status: 'fail',
			reason: '2026-12-15 支部大会应到20人、实到11人，赞成2、反对9、弃权0；赞成票未超过应到会有表决权正式党员20人的半数，未通过'
		});
		expect(voted({ ...typedDown, fullMembersExpected: 0 } as Partial<BranchMeetingVote>).status).toBe('fail');
		expect(voted({ present: 11, votesFor: 11, votesAgainst: 0 }).status).toBe('pass');
	});

	it('refuses figures that were typed in rather than derived from the branch roll', () => {
		expect(voted({ fromRoll: false })).toMatchObject({
			status: 'fail',
			reason: '2026-12-15 支部大会的应到会人数未按支部党员名册核定（手工填写或导入），请作废该记录并重新登记表决情况'
		});
	});

	it('names the members the roll does not count', () => {
		expect(voted({ excused: 2 }).reason).toBe('2026-12-15 支部大会应到20人（名册另有2人按规定不计入）、实到18人，赞成17、反对1、弃权0，通过');
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

	// 预审谈话 belongs between the admitting branch meeting (2026-12-15) and the approval.
	it('does not count a talk held before the branch meeting, let alone before the application', () => {
		const early = run('committee-talk', talked([{ kind: 'pre_approval', heldOn: '2025-01-10', by: 'organizer' }]), 'to_probationary', '2027-01-08');
		expect(early).toMatchObject({
			status: 'fail',
			reason: '审批前谈话须在接收预备党员的支部大会（2026-12-15）之后、党委审批（2027-01-08）之前进行；已登记的谈话（2025-01-10）早于支部大会，不能计入'
		});
		expect(run('committee-talk', talked([{ kind: 'pre_approval', heldOn: '2026-12-14', by: 'organizer' }]), 'to_probationary', '2027-01-08').status).toBe('fail');
		expect(run('committee-talk', talked([{ kind: 'pre_approval', heldOn: '2026-12-15', by: 'organizer' }]), 'to_probationary', '2027-01-08').status).toBe('pass');
	});

	it('before the meeting is recorded, waits for it', () => {
		const d = without.approval(without.meeting(dossier(), 'admission'), 'admission');
		expect(run('committee-talk', d, 'to_probationary', '2026-12-21')).toMatchObject({ status: 'fail', reason: '审批前谈话须在接收预备党员的支部大会之后进行，尚无支部大会记录' });
	});

	it('does not count a talk by the branch', () => {
		const d = without.approval(talked([{ kind: 'pre_approval', heldOn: '2026-12-20', by: 'branch' }]), 'admission');
		expect(run('committee-talk', d, 'to_probationary', '2026-12-21')).toMatchObject({ status: 'fail', exemptable: false });
	});
});
