// The columns of the development import (and its template), in order. Dates in any common form
// (2025-09-15, 2025/9/15, 2025.09.15, 2025年9月15日, Excel dates).

export const importColumns = [
	{ key: 'username', header: '学号/工号', aliases: ['学号', '工号'], required: true, width: 14 },
	{ key: 'name', header: '姓名', aliases: [], required: false, width: 10 },
	{ key: 'stage', header: '当前阶段', aliases: ['阶段', '政治面貌'], required: true, width: 14 },
	{ key: 'league', header: '申请时是否共青团员', aliases: ['是否共青团员', '共青团员'], required: false, width: 10 },
	{ key: 'appliedOn', header: '递交入党申请书日期', aliases: ['入党申请日期', '申请日期'], required: true, width: 14 },
	{ key: 'talkOn', header: '谈话日期', aliases: [], required: false, width: 14 },
	{ key: 'leagueRecOn', header: '团组织推优日期', aliases: ['推优日期'], required: false, width: 14 },
	{ key: 'memberRecOn', header: '党员推荐日期', aliases: [], required: false, width: 14 },
	{ key: 'activistOn', header: '确定为入党积极分子日期', aliases: ['积极分子日期'], required: false, width: 16 },
	{ key: 'activistFiledOn', header: '入党积极分子备案日期', aliases: [], required: false, width: 16 },
	{ key: 'candidateOn', header: '确定为发展对象日期', aliases: ['发展对象日期'], required: false, width: 16 },
	{ key: 'candidateFiledOn', header: '发展对象备案日期', aliases: [], required: false, width: 16 },
	{ key: 'reviewOn', header: '政审合格日期', aliases: ['政治审查日期'], required: false, width: 14 },
	{ key: 'admissionMeetingOn', header: '接收预备党员支部大会日期', aliases: ['支部大会日期'], required: false, width: 18 },
	{ key: 'admissionApprovedOn', header: '接收预备党员审批日期', aliases: ['入党审批日期'], required: false, width: 18 },
	{ key: 'confirmationMeetingOn', header: '转正支部大会日期', aliases: [], required: false, width: 16 },
	{ key: 'confirmationApprovedOn', header: '转正审批日期', aliases: [], required: false, width: 14 },
	{ key: 'transferredFrom', header: '外单位转入（原单位）', aliases: ['转入单位'], required: false, width: 18 },
	{ key: 'note', header: '备注', aliases: [], required: false, width: 20 }
] as const;

export type ImportKey = (typeof importColumns)[number]['key'];
export type ImportRow = Record<ImportKey, string> & { rowNumber: number };

export const dateKeys = [
	'appliedOn', 'talkOn', 'leagueRecOn', 'memberRecOn', 'activistOn', 'activistFiledOn', 'candidateOn', 'candidateFiledOn',
	'reviewOn', 'admissionMeetingOn', 'admissionApprovedOn', 'confirmationMeetingOn', 'confirmationApprovedOn'
] as const satisfies readonly ImportKey[];
export type DateKey = (typeof dateKeys)[number];
