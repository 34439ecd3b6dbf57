import type { RuleTable } from '../rule-types';
import type { StepRules } from './cpc-2014-steps';
import type { CultivationRuleId } from './cpc-2014-cultivation';
import { ceiling, fixed, floor, none, range, schoolFloor, toggle } from './params';

type AdmissionRules = Omit<RuleTable, CultivationRuleId | keyof StepRules>;

// Article numbers for the approval rules are not confirmed against the official 2014 text; they
// sit in its chapter 4 (预备党员的接收) and chapter 5 (转正), which is what the sources say.
const approvalSource = '《细则》第四章、第五章';

/** 《中国共产党发展党员工作细则》(2014), candidate → member. */
export const admissionRules2014: AdmissionRules = {
	sponsors: {
		id: 'sponsors', title: '两名入党介绍人', source: '《细则》第十四条', level: 'national', transitions: ['to_probationary'], exemptable: false,
		params: { count: fixed('人数', '名', 2) }
	},
	'political-review': {
		id: 'political-review', title: '政治审查合格', source: '《细则》第十六条', level: 'national', transitions: ['to_probationary'], exemptable: false,
		params: none
	},
	'political-review-age': {
		id: 'political-review-age', title: '政审结论在有效期内', source: '学校规定', level: 'school', transitions: ['to_probationary'], exemptable: true,
		params: { maxMonths: range('有效期', '个月', 12, 3, 36) }
	},
	// 「未经培训的，除个别特殊情况外，不能发展入党」: national, yet with an exemption path.
	'candidate-training': {
		id: 'candidate-training', title: '发展对象集中培训', source: '《细则》第十七条', level: 'national', transitions: ['to_probationary'], exemptable: true,
		params: {
			minDays: floor('培训天数', '天', 3, 10),
			minCreditHours: floor('培训学时', '学时', 24, 80),
			onlineCreditHoursCap: ceiling('线上学时计入上限', '学时', 24, 0),
			// 集中培训 is training in person, yet no national text says how much: the school sets it [S],
			// by default half of the 3 days / 24 学时 offline (days rounded up), and may only raise it.
			minOfflineDays: schoolFloor('线下培训天数', '天', 2, 10),
			minOfflineCreditHours: schoolFloor('线下学时', '学时', 12, 80)
		}
	},
	'pre-review': {
		id: 'pre-review', title: '基层党委预审合格', source: '《细则》第十九条', level: 'national', transitions: ['to_probationary'], exemptable: false,
		params: none
	},
	'admission-form': {
		id: 'admission-form', title: '入党志愿书', source: '《细则》第十九条、第二十条', level: 'national', transitions: ['to_probationary'], exemptable: false,
		params: none
	},
	// 「一般不办理」: the only national "no" check the spec lets a committee exempt.
	'leaving-3m': {
		id: 'leaving-3m', title: '三个月内不离开本单位', source: '《细则》第十九条', level: 'national', transitions: ['to_probationary'], exemptable: true,
		params: { months: fixed('期限', '个月', 3) }
	},
	'admission-notice': {
		id: 'admission-notice', title: '接收预备党员公示', source: '学校规定', level: 'school', transitions: ['to_probationary'], exemptable: true,
		params: { workingDays: range('公示期', '个工作日', 5, 3, 10) }
	},
	'meeting-after-review': {
		id: 'meeting-after-review', title: '预审后一个月内召开支部大会', source: '学校规定', level: 'school', transitions: ['to_probationary'], exemptable: true,
		params: { months: range('期限', '个月', 1, 1, 3) }
	},
	vote: {
		id: 'vote', title: '支部大会表决有效', source: '《细则》第二十条', level: 'national', transitions: ['to_probationary', 'to_member'], exemptable: false,
		params: { quorumRatio: fixed('到会比例', '', 0.5), passRatio: fixed('赞成比例', '', 0.5) }
	},
	'committee-talk': {
		id: 'committee-talk', title: '审批前党委派人谈话', source: approvalSource, level: 'national', transitions: ['to_probationary'], exemptable: false,
		params: none
	},
	approver: {
		id: 'approver', title: '由党委审批', source: approvalSource, level: 'national', transitions: ['to_probationary', 'to_member'], exemptable: false,
		params: none
	},
	'approval-3m': {
		id: 'approval-3m', title: '三个月内审批', source: approvalSource, level: 'national', transitions: ['to_probationary', 'to_member', 'extend_probation', 'cancel_probation'], exemptable: false,
		// 2014 grants the 6-month special case for admission and confirmation alike.
		params: { months: fixed('审批期限', '个月', 3), hardStopMonths: fixed('最长期限', '个月', 6), confirmationHardStopMonths: fixed('转正审批最长期限', '个月', 6) }
	},
	'probation-1y': {
		// Confirmation, extension and cancellation are all decided 「预备期满」.
		id: 'probation-1y', title: '预备期满一年', source: '《细则》第三十二条', level: 'national', transitions: ['to_member', 'extend_probation', 'cancel_probation'], exemptable: false,
		params: { months: fixed('预备期', '个月', 12) },
		// Before it ends, only for 违犯党纪 (the ground recorded with the committee's approval).
		earlySource: '《细则》第三十二条第三款'
	},
	'extension-once': {
		id: 'extension-once', title: '延长预备期只限一次', source: '《细则》第三十二条', level: 'national', transitions: ['extend_probation'], exemptable: false,
		params: { maxExtensions: fixed('次数', '次', 1), minMonths: fixed('最短', '个月', 6), maxMonths: fixed('最长', '个月', 12) }
	},
	'probationary-training': {
		id: 'probationary-training', title: '预备党员培训结业', source: '学校规定', level: 'school', transitions: ['to_member'], exemptable: true,
		params: { enabled: toggle('启用', false) }
	}
};
