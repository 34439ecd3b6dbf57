import type { ParamSpec, RuleTable } from '../rule-types';
import { ceiling, fixed, none, range, toggle } from './params';

/** The steps from 支委会审查 to 归档 (§1 steps 12, 18–20, 22, 25) and what probation must show. */
export type StepRules = Pick<
	RuleTable,
	| 'branch-review'
	| 'admission-filed'
	| 'placement'
	| 'oath'
	| 'probation-evaluations'
	| 'probation-thought-reports'
	| 'confirmation-notice'
	| 'confirmation-application'
	| 'archive'
>;

/** A deadline inside a national step that no national text fixes: the school may shorten it, never lengthen it. */
const schoolDeadline = (title: string, value: number): ParamSpec<number> => ({ ...ceiling(title, '个月', value, 1), setBy: 'school' });

/** 《中国共产党发展党员工作细则》(2014). Steps whose article the domain map does not give cite the text without a number. */
export const stepRules2014: StepRules = {
	'branch-review': {
		// 支部委员会 reviews the 发展对象 before the 预审 is asked for; the 预审 answers that review.
		id: 'branch-review', title: '支部委员会审查', source: '《细则》', level: 'national', transitions: ['to_probationary'], exemptable: false,
		params: none
	},
	'admission-filed': {
		// The committee's act, not the person's: a missing filing is shown, it does not hold up 转正.
		id: 'admission-filed', title: '预备党员报上级组织部门备案', source: '《细则》', level: 'national', transitions: ['to_member'], exemptable: false,
		params: { months: schoolDeadline('备案期限', 1) }
	},
	placement: {
		id: 'placement', title: '编入党支部和党小组', source: '《细则》', level: 'national', transitions: ['to_member'], exemptable: false,
		params: { months: schoolDeadline('编入期限', 1) }
	},
	oath: {
		id: 'oath', title: '入党宣誓', source: '《细则》', level: 'national', transitions: ['to_member'], exemptable: false,
		params: { months: schoolDeadline('宣誓期限', 3) }
	},
	'probation-evaluations': {
		id: 'probation-evaluations', title: '预备期每半年考察', source: '《细则》', level: 'national', transitions: ['to_member'], exemptable: false,
		params: { maxGapMonths: fixed('考察间隔', '个月', 6) }
	},
	'probation-thought-reports': {
		id: 'probation-thought-reports', title: '预备期按期提交思想汇报', source: '学校规定', level: 'school', transitions: ['to_member'], exemptable: true,
		params: { enabled: toggle('启用', true), intervalMonths: range('汇报间隔', '个月', 3, 1, 6) }
	},
	'confirmation-notice': {
		// The 2014 text has no 转正公示; a school that holds one sets its length here.
		id: 'confirmation-notice', title: '转正公示', source: '学校规定', level: 'school', transitions: ['to_member'], exemptable: true,
		params: { enabled: toggle('启用', false), workingDays: range('公示期', '个工作日', 5, 3, 10) }
	},
	'confirmation-application': {
		// 「预备期满时」: the application is dated at the end of probation, at most this many days before it.
		id: 'confirmation-application', title: '书面转正申请', source: '《细则》', level: 'national', transitions: ['to_member'], exemptable: false,
		params: { earliestDaysBefore: { ...ceiling('最早提前', '天', 7, 0), setBy: 'school' } }
	},
	archive: {
		// After 转正 there is no transition left to hold up: 归档 is a deadline on the due list only.
		id: 'archive', title: '入党材料归档', source: '《细则》', level: 'national', transitions: [], exemptable: false,
		params: { months: schoolDeadline('归档期限', 1) }
	}
};
