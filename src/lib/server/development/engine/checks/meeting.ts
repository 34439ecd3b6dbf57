import { approvalFor, meetingFor, meetingPurposeOf } from '../dossier-lookups';
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
 * members who should attend — not of those present, so a thin meeting cannot pass someone. 预备党员
 * have no vote, so both denominators are the same set: the full members with voting rights on the
 * branch's roll, which the server derived when the meeting was recorded (`fromRoll`).
 */
export const vote: CheckFn<'vote'> = (d, rule, ctx) => {
	const purpose = meetingPurposeOf[ctx.transition] ?? 'admission';
	const m = meetingFor(d, purpose);
	if (!m) return result(rule, 'fail', `尚无支部大会讨论${purposeLabels[purpose]}的表决记录`);
	if (!m.fromRoll) return result(rule, 'fail', `${m.heldOn} 支部大会的应到会人数未按支部党员名册核定（手工填写或导入），请作废该记录并重新登记表决情况`);
	const cast = m.votesFor + m.votesAgainst + m.abstentions;
	const expected = m.membersWithVotingRights;
	if (expected < 1 || m.present > expected || cast > m.present) {
		return result(rule, 'fail', `表决人数不一致，请核对：应到${expected}人，实到${m.present}人，投票${cast}人`);
	}
	const { quorumRatio, passRatio } = rule.params;
	if (!(m.present > expected * quorumRatio)) {
		return result(rule, 'fail', `${m.heldOn} 支部大会到会有表决权的党员${m.present}人，未超过应到会${expected}人的半数，会议无效`);
	}
	const excused = m.excused > 0 ? `（名册另有${m.excused}人按规定不计入）` : '';
	const tally = `应到${expected}人${excused}、实到${m.present}人，赞成${m.votesFor}、反对${m.votesAgainst}、弃权${m.abstentions}`;
	if (!(m.votesFor > expected * passRatio)) {
		return result(rule, 'fail', `${m.heldOn} 支部大会${tally}；赞成票未超过应到会有表决权正式党员${expected}人的半数，未通过`);
	}
	return result(rule, 'pass', `${m.heldOn} 支部大会${tally}，通过`);
};

/**
 * Before approval a committee member or organizer must talk with the candidate — after the branch
 * meeting has admitted them, so a talk from another stage (or mis-dated) never stands in for it.
 * A branch talk does not count.
 */
export const committeeTalk: CheckFn<'committee-talk'> = (d, rule) => {
	const approval = approvalFor(d, 'admission');
	const meeting = meetingFor(d, 'admission');
	const byCommittee = d.talks.filter((t) => t.kind === 'pre_approval' && t.by !== 'branch');
	if (!meeting) return result(rule, 'fail', '审批前谈话须在接收预备党员的支部大会之后进行，尚无支部大会记录');
	const inWindow = byCommittee.filter((t) => t.heldOn >= meeting.heldOn && (!approval || t.heldOn <= approval.approvedOn));
	const talk = inWindow.at(-1);
	if (talk) return result(rule, 'pass', `${talk.by === 'organizer' ? '组织员' : '党委委员'}于 ${talk.heldOn} 谈话`);
	const early = byCommittee.filter((t) => t.heldOn < meeting.heldOn).map((t) => t.heldOn).sort().at(-1);
	if (early) {
		const until = approval ? `、党委审批（${approval.approvedOn}）之前` : '、党委审批之前';
		return result(rule, 'fail', `审批前谈话须在接收预备党员的支部大会（${meeting.heldOn}）之后${until}进行；已登记的谈话（${early}）早于支部大会，不能计入`);
	}
	return approval
		? result(rule, 'fail', `党委审批（${approval.approvedOn}）前未派党委委员或组织员谈话`)
		: result(rule, 'fail', '审批前须由党委委员或组织员同发展对象谈话，尚无记录');
};
