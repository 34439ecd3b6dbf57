import { approvalFor, meetingFor, meetingPurposeOf } from '../dossier';
import type { MeetingPurpose } from '../types';
import { result, type CheckFn } from './result';

export const purposeLabels: Record<MeetingPurpose, string> = {
	admission: '接收预备党员',
	confirmation: '预备党员转正',
	extension: '延长预备期',
	cancellation: '取消预备党员资格'
};

/**
 * 第二十条: more than half of those with voting rights present, and "for" more than half of the full
 * members who should attend — not of those present, so a thin meeting cannot pass someone.
 */
export const vote: CheckFn<'vote'> = (d, rule, ctx) => {
	const purpose = meetingPurposeOf[ctx.transition] ?? 'admission';
	const m = meetingFor(d, purpose);
	if (!m) return result(rule, 'fail', `尚无支部大会讨论${purposeLabels[purpose]}的表决记录`);
	const cast = m.votesFor + m.votesAgainst + m.abstentions;
	if (m.present > m.membersWithVotingRights || cast > m.present) {
		return result(rule, 'fail', `表决人数不一致，请核对：应到${m.membersWithVotingRights}人，实到${m.present}人，投票${cast}人`);
	}
	const { quorumRatio, passRatio } = rule.params;
	if (!(m.present > m.membersWithVotingRights * quorumRatio)) {
		return result(rule, 'fail', `${m.heldOn} 支部大会到会有表决权的党员${m.present}人，未超过应到会${m.membersWithVotingRights}人的半数，会议无效`);
	}
	const tally = `应到${m.membersWithVotingRights}人、实到${m.present}人，赞成${m.votesFor}、反对${m.votesAgainst}、弃权${m.abstentions}`;
	if (!(m.votesFor > m.fullMembersExpected * passRatio)) {
		return result(rule, 'fail', `${m.heldOn} 支部大会${tally}；赞成票未超过应到会有表决权正式党员${m.fullMembersExpected}人的半数，未通过`);
	}
	return result(rule, 'pass', `${m.heldOn} 支部大会${tally}，通过`);
};

/** Before approval a committee member or organizer must talk with the candidate; a branch talk does not count. */
export const committeeTalk: CheckFn<'committee-talk'> = (d, rule) => {
	const approval = approvalFor(d, 'admission');
	const talks = d.talks
		.filter((t) => t.kind === 'pre_approval' && t.by !== 'branch')
		.filter((t) => !approval || t.heldOn <= approval.approvedOn);
	const talk = talks[0];
	if (talk) return result(rule, 'pass', `${talk.by === 'organizer' ? '组织员' : '党委委员'}于 ${talk.heldOn} 谈话`);
	return approval
		? result(rule, 'fail', `党委审批（${approval.approvedOn}）前未派党委委员或组织员谈话`)
		: result(rule, 'fail', '审批前须由党委委员或组织员同发展对象谈话，尚无记录');
};
