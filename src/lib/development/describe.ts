import {
	decisionBodyLabels,
	filingStageLabels,
	meetingPurposeLabels,
	nominationLabels,
	noticeKindLabels,
	opinionSourceLabels,
	stageLabels,
	talkByLabels,
	talkPurposeLabels,
	trainingKindLabels,
	transitionLabels
} from './labels';

// One line of Chinese per entry for the record page and the exports.

type D = Record<string, unknown>;
const pick = <T extends Record<string, string>>(labels: T, key: unknown) => (typeof key === 'string' && key in labels ? labels[key as keyof T] : String(key ?? ''));
const withNote = (text: string, d: D) => (typeof d.note === 'string' && d.note ? `${text}${text ? '；' : ''}${d.note}` : text);

function meeting(d: D): string {
	if (d.countsUnknown) return `${pick(meetingPurposeLabels, d.purpose)}（导入记录，无表决票数）`;
	const months = d.purpose === 'extension' && d.months ? `，延长${d.months}个月` : '';
	// Entries from before the roll was derived carry a typed 「应到会正式党员」; newer ones the roll.
	const roll = d.roll as { excused?: { name: string; reasonLabel: string; note: string }[]; withoutVote?: { name: string }[] } | undefined;
	const left = [...(roll?.withoutVote ?? []).map((x) => `${x.name}，受留党察看处分`), ...(roll?.excused ?? []).map((x) => `${x.name}，${x.reasonLabel}：${x.note}`)];
	const basis = !roll ? `（手工填写，应到会正式党员${d.fullMembersExpected ?? '—'}人）` : left.length ? `（按支部党员名册核定；不计入：${left.join('；')}）` : '（按支部党员名册核定）';
	return `${pick(meetingPurposeLabels, d.purpose)}：应到会有表决权的正式党员${d.membersWithVotingRights}人${basis}，实到${d.present}人，赞成${d.votesFor}、反对${d.votesAgainst}、弃权${d.abstentions}${months}`;
}

function approval(d: D): string {
	const late = d.late as { reason?: string; decidedOn?: string | null; decision?: string } | null | undefined;
	const why = late?.reason ? `；超过三个月审批，理由：${late.reason}${late.decidedOn ? `，党委于 ${late.decidedOn} 决定延长审批期限（${late.decision ?? ''}）` : ''}` : '';
	return `${d.approverName ?? ''}审批${pick(meetingPurposeLabels, d.purpose)}${why}`;
}

export function describeEntry(kind: string, d: D): string {
	switch (kind) {
		case 'talk':
			return withNote(`${pick(talkPurposeLabels, d.purpose)}（${pick(talkByLabels, d.by)}${d.talker ? `：${d.talker}` : ''}）`, d);
		case 'nomination':
			return withNote(pick(nominationLabels, d.kind), d);
		case 'decision':
			return withNote(`${pick(decisionBodyLabels, d.body)}确定为${pick(stageLabels, d.stage)}`, d);
		case 'filing':
			return withNote(`${pick(filingStageLabels, d.stage)}报上级党委备案`, d);
		case 'opinion':
			return withNote(`听取${pick(opinionSourceLabels, d.source)}意见`, d);
		case 'public_notice':
			return withNote(`${pick(noticeKindLabels, d.kind)} ${d.workingDays} 个工作日${d.unresolvedObjections ? '，有待核实的反映' : ''}`, d);
		case 'political_review':
			return withNote(d.conclusion === 'qualified' ? '结论：合格' : '结论：不合格', d);
		case 'pre_review':
			return withNote(d.passed ? '预审合格' : '预审未通过', d);
		case 'branch_meeting':
			return withNote(meeting(d), d);
		case 'approval':
			return withNote(approval(d), d);
		case 'admission_form':
			return withNote(d.serial ? `编号 ${d.serial}` : '未登记编号', d);
		case 'probation_extension':
			return withNote(`延长预备期${d.months}个月`, d);
		case 'placement':
			return withNote(d.group ? `编入${d.group}` : '', d);
		case 'external_training':
			return withNote(
				`${pick(trainingKindLabels, d.trainingKind)}证书 ${d.serial}（${d.issuer}）${d.validUntil ? `，有效期至 ${d.validUntil}` : ''}，线下${d.offlineHours ?? 0}学时、线上${d.onlineHours ?? 0}学时、${d.days ?? 0}天`,
				d
			);
		case 'transfer_in':
			return withNote(`自${d.from}转入`, d);
		case 'stage_change': {
			const what = d.transition === 'import' ? `导入：${pick(stageLabels, d.to)}` : `${pick(transitionLabels, d.transition)}${d.to === 'cancelled' ? '' : `（${pick(stageLabels, d.from)} → ${pick(stageLabels, d.to)}）`}`;
			const ex = Array.isArray(d.exemptions) && d.exemptions.length ? `；${d.exemptions.join('；')}` : '';
			return `${what}${ex}`;
		}
		default:
			return withNote('', d);
	}
}
