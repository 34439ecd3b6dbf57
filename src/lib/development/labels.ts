// Chinese labels of the development module (发展党员), shared by its pages and exports.
export const stageLabels = {
	applicant: '入党申请人',
	activist: '入党积极分子',
	candidate: '发展对象',
	probationary: '预备党员',
	member: '正式党员'
} as const;
export type StageName = keyof typeof stageLabels;
export { stages as stageOrder } from './stages';

export const transitionLabels = {
	apply: '登记入党申请',
	to_activist: '确定为入党积极分子',
	to_candidate: '确定为发展对象',
	to_probationary: '审批接收为预备党员',
	to_member: '审批按期转为正式党员',
	extend_probation: '审批延长预备期',
	cancel_probation: '审批取消预备党员资格'
} as const;
export type TransitionName = keyof typeof transitionLabels;

/** The transition that moves someone on from their stage. */
export const nextTransition: Record<StageName, TransitionName | null> = {
	applicant: 'to_activist',
	activist: 'to_candidate',
	candidate: 'to_probationary',
	probationary: 'to_member',
	member: null
};

export const entryKindLabels = {
	application: '递交入党申请书',
	talk: '谈话',
	nomination: '推荐（党员推荐/团组织推优）',
	decision: '支委会决定',
	filing: '报上级党委备案',
	evaluation: '培养教育考察',
	thought_report: '思想汇报',
	opinion: '听取意见',
	public_notice: '公示',
	political_review: '政治审查',
	branch_review: '支委会审查',
	pre_review: '上级党委预审',
	admission_form: '发放入党志愿书',
	branch_meeting: '支部大会表决',
	approval: '上级党委审批',
	probation_extension: '延长预备期',
	placement: '编入党支部和党小组',
	oath: '入党宣誓',
	confirmation_application: '递交转正申请',
	archive: '材料归档',
	external_training: '外校培训证书',
	transfer_in: '组织关系转入',
	stage_change: '阶段变更'
} as const;
export type EntryKindName = keyof typeof entryKindLabels;

export const talkPurposeLabels = { application: '与入党申请人谈话', pre_approval: '审批前谈话' } as const;
export const talkByLabels = { branch: '支部', committee_member: '党委委员', organizer: '组织员' } as const;
export const nominationLabels = { member: '党员推荐', league_recommendation: '团组织推优', league_opinion: '团组织意见' } as const;
export const decisionBodyLabels = { branch_committee: '支委会', branch_meeting: '支部大会（未设支委会）' } as const;
export const opinionSourceLabels = { party_group: '党小组', mentors: '培养联系人', members: '党员', masses: '群众' } as const;
export const noticeKindLabels = { candidate: '发展对象公示', admission: '接收预备党员公示', confirmation: '转正公示' } as const;
export const meetingPurposeLabels = {
	admission: '接收预备党员',
	confirmation: '预备党员转正',
	extension: '延长预备期',
	cancellation: '取消预备党员资格'
} as const;
export const trainingKindLabels = { activist: '入党积极分子培训', candidate: '发展对象培训', probationary: '预备党员培训' } as const;
export const filingStageLabels = { activist: '入党积极分子', candidate: '发展对象', probationary: '预备党员', member: '转正' } as const;
export const supporterRoleLabels = { mentor: '培养联系人', sponsor: '入党介绍人' } as const;

export const checkStatusLabels = { pass: '通过', fail: '不通过', warn: '提示', pending: '未到期' } as const;

export const dueStatusLabels = { overdue: '已超期', due_this_month: '本月到期', upcoming: '即将到期' } as const;

export const boardStatusLabels = { ready: '可办理', waiting: '待期满', todo: '待完成' } as const;
