import type { RuleTable } from '../rule-types';
import { fixed, floor, none, range, toggle } from './params';

/** The rules of the pipeline up to 发展对象: cpc-2014-admission.ts takes the rest. */
export type CultivationRuleId =
	| 'age'
	| 'talk-1m'
	| 'app-to-activist'
	| 'league-rec'
	| 'league-rec-age'
	| 'decision-filed'
	| 'mentors'
	| 'evaluations'
	| 'thought-reports'
	| 'one-year'
	| 'activist-training'
	| 'opinions'
	| 'candidate-notice';

type CultivationRules = Pick<RuleTable, CultivationRuleId>;

/** 《中国共产党发展党员工作细则》(2014), applicant → candidate. 《细则》 = that text. */
export const cultivationRules2014: CultivationRules = {
	age: {
		id: 'age', title: '年满十八周岁', source: '《细则》第五条', level: 'national', transitions: ['apply', 'to_activist'], exemptable: false,
		params: { minAge: fixed('年龄', '周岁', 18) }
	},
	'talk-1m': {
		id: 'talk-1m', title: '一个月内谈话', source: '《细则》第七条', level: 'national', transitions: ['to_activist'], exemptable: false,
		params: { months: fixed('期限', '个月', 1) }
	},
	'app-to-activist': {
		id: 'app-to-activist', title: '递交申请满规定时间', source: '学校规定', level: 'school', transitions: ['to_activist'], exemptable: true,
		params: { months: range('时长', '个月', 6, 0, 12) }
	},
	// Both ages only go up: a lower opinion age would let an older League member in on 党员推荐 alone.
	'league-rec': {
		id: 'league-rec', title: '团员推优', source: '《细则》第八条；共青团推优入党规定', level: 'national', transitions: ['to_activist'], exemptable: false,
		params: { recommendationMaxAge: floor('须推优的年龄上限', '周岁', 28, 35), opinionMaxAge: floor('须记录团组织意见的年龄上限', '周岁', 35, 40) }
	},
	'league-rec-age': {
		id: 'league-rec-age', title: '推优在有效期内', source: '学校规定', level: 'school', transitions: ['to_activist'], exemptable: true,
		params: { validMonths: range('有效期', '个月', 24, 6, 36) }
	},
	'decision-filed': {
		id: 'decision-filed', title: '支委会决定并报上级党委备案', source: '《细则》第八条、第十三条', level: 'national', transitions: ['to_activist', 'to_candidate'], exemptable: false,
		params: none
	},
	mentors: {
		id: 'mentors', title: '培养联系人', source: '《细则》第九条', level: 'national', transitions: ['to_candidate'], exemptable: false,
		params: { min: fixed('最少人数', '名', 1), max: fixed('最多人数', '名', 2) }
	},
	evaluations: {
		id: 'evaluations', title: '每半年培养教育考察', source: '《细则》第十一条', level: 'national', transitions: ['to_candidate'], exemptable: false,
		params: { maxGapMonths: fixed('考察间隔', '个月', 6) }
	},
	'thought-reports': {
		id: 'thought-reports', title: '按期提交思想汇报', source: '学校规定', level: 'school', transitions: ['to_candidate'], exemptable: true,
		params: { enabled: toggle('启用', true), intervalMonths: range('汇报间隔', '个月', 3, 1, 6) }
	},
	'one-year': {
		id: 'one-year', title: '培养考察满一年', source: '《细则》第十三条', level: 'national', transitions: ['to_candidate'], exemptable: false,
		params: {
			months: floor('月数', '个月', 12, 36),
			anchor: { title: '起算日', unit: '', default: 'decision', school: { mode: 'choose', options: ['decision', 'filing'] } }
		}
	},
	'activist-training': {
		id: 'activist-training', title: '入党积极分子培训结业证书有效', source: '学校规定', level: 'school', transitions: ['to_candidate'], exemptable: true,
		params: { validMonths: range('证书有效期', '个月', 24, 6, 60), acceptExternal: toggle('认可外校证书（各类培训）', true) }
	},
	opinions: {
		id: 'opinions', title: '听取党内外意见', source: '《细则》第十三条', level: 'national', transitions: ['to_candidate'], exemptable: false,
		params: none
	},
	'candidate-notice': {
		id: 'candidate-notice', title: '发展对象公示', source: '学校规定', level: 'school', transitions: ['to_candidate'], exemptable: true,
		params: { enabled: toggle('启用', true), workingDays: range('公示期', '个工作日', 5, 3, 10) }
	}
};
